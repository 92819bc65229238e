package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The after-sales decision table, rule by rule, evaluated by the engine. */
class AfterSalesDecisionTableTest extends ProcessTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}, shipped={1}, {2} fen, {3}, {4} earlier cases -> {5}")
  @CsvSource({
    "REFUND_ONLY,   false, 2000,   CHANGED_MIND,       3, REVIEW,       frequent requester",
    "REFUND_ONLY,   false, 20000,  CHANGED_MIND,       0, AUTO_APPROVE, small refund before shipment",
    "REFUND_ONLY,   false, 20001,  CHANGED_MIND,       0, REVIEW,       large refund before shipment",
    "REFUND_ONLY,   true,  100,    QUALITY,            0, REVIEW,       refund without return after shipment",
    "RETURN_REFUND, true,  50000,  NOT_AS_DESCRIBED,   2, AUTO_APPROVE, return of ordinary value",
    "RETURN_REFUND, true,  50001,  QUALITY,            0, REVIEW,       high-value return",
    "EXCHANGE,      true,  5000,   WRONG_ITEM,         0, AUTO_APPROVE, replacement for the merchant's fault",
    "RESEND,        true,  5000,   MISSING_PARTS,      0, AUTO_APPROVE, replacement for the merchant's fault",
    "EXCHANGE,      true,  5000,   CHANGED_MIND,       0, REVIEW,       needs a person",
    "RESEND,        false, 5000,   OTHER,              1, REVIEW,       needs a person"
  })
  void theFirstMatchingRuleDecides(
      final String type,
      final boolean shipped,
      final long amount,
      final String reason,
      final int recentCases,
      final String decision,
      final String rule)
      throws Exception {
    final var result =
        client
            .newEvaluateDecisionCommand()
            .decisionId("after-sales-decision")
            .variables(
                Map.of(
                    "type", type,
                    "orderShipped", shipped,
                    "refundAmountFen", amount,
                    "reason", reason,
                    "buyerRecentCases", recentCases))
            .send()
            .join();

    final JsonNode output = JSON.readTree(result.getDecisionOutput());
    assertThat(output.path("decision").asText()).isEqualTo(decision);
    assertThat(output.path("rule").asText()).isEqualTo(rule);
  }
}
