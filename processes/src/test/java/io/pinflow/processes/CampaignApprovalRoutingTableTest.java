package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.MatchedDecisionRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The campaign approval routing, rule by rule and at every threshold, evaluated by the engine. */
class CampaignApprovalRoutingTableTest extends ProcessTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static EvaluateDecisionResponse evaluate(final Map<String, Object> variables) {
    return client
        .newEvaluateDecisionCommand()
        .decisionId("campaign-approval-routing")
        .variables(variables)
        .send()
        .join();
  }

  private static Map<String, Object> campaign(
      final long belowCostItems, final double discountDepthPercent, final long totalSubsidyFen) {
    final Map<String, Object> variables = new HashMap<>();
    variables.put("belowCostItems", belowCostItems);
    variables.put("discountDepthPercent", discountDepthPercent);
    variables.put("totalSubsidyFen", totalSubsidyFen);
    return variables;
  }

  private static void assertRouted(
      final EvaluateDecisionResponse result,
      final List<String> approvers,
      final String rule,
      final String ruleId)
      throws Exception {
    assertThat(result.getFailureMessage()).as("failure").isNullOrEmpty();
    final JsonNode output = JSON.readTree(result.getDecisionOutput());
    final List<String> routedTo = new ArrayList<>();
    output.path("approvers").forEach(approver -> routedTo.add(approver.asText()));
    assertThat(output.path("approvers").isArray()).as("approvers is a list").isTrue();
    assertThat(routedTo).containsExactlyElementsOf(approvers);
    assertThat(output.path("rule").asText()).isEqualTo(rule);
    assertThat(result.getEvaluatedDecisions()).hasSize(1);
    // FIRST: only the first matching rule is reported
    assertThat(result.getEvaluatedDecisions().getFirst().getMatchedRules())
        .extracting(MatchedDecisionRule::getRuleId)
        .containsExactly(ruleId);
  }

  @ParameterizedTest(name = "{0} below cost, {1}% off, subsidy {2} fen -> {3} ({4})")
  @CsvSource(
      delimiter = '|',
      value = {
        // below cost: whatever the discount and the subsidy
        "1  | 5     | 10000   | OPS_LEAD,FINANCE,ADMIN | below-cost     | RuleBelowCost",
        "3  | 0     | 0       | OPS_LEAD,FINANCE,ADMIN | below-cost     | RuleBelowCost",
        "2  | 60    | 9000000 | OPS_LEAD,FINANCE,ADMIN | below-cost     | RuleBelowCost",
        // deep discount, by its depth
        "0  | 50    | 0       | OPS_LEAD,FINANCE,ADMIN | deep-discount  | RuleDeepDiscountDepth",
        "0  | 80    | 100     | OPS_LEAD,FINANCE,ADMIN | deep-discount  | RuleDeepDiscountDepth",
        "0  | 49.99 | 0       | OPS_LEAD,FINANCE       | finance-review | RuleFinanceReviewDepth",
        // deep discount, by its subsidy (50,000 yuan)
        "0  | 10    | 5000000 | OPS_LEAD,FINANCE,ADMIN | deep-discount  | RuleDeepDiscountSubsidy",
        "0  | 10    | 4999999 | OPS_LEAD,FINANCE       | finance-review | RuleFinanceReviewSubsidy",
        "0  | 49.99 | 5000000 | OPS_LEAD,FINANCE,ADMIN | deep-discount  | RuleDeepDiscountSubsidy",
        // finance review, by its depth
        "0  | 20    | 0       | OPS_LEAD,FINANCE       | finance-review | RuleFinanceReviewDepth",
        "0  | 19.99 | 0       | OPS_LEAD               | standard       | RuleStandard",
        // finance review, by its subsidy (5,000 yuan)
        "0  | 5     | 500000  | OPS_LEAD,FINANCE       | finance-review | RuleFinanceReviewSubsidy",
        "0  | 5     | 499999  | OPS_LEAD               | standard       | RuleStandard",
        "0  | 19.99 | 499999  | OPS_LEAD               | standard       | RuleStandard",
        // standard
        "0  | 0     | 0       | OPS_LEAD               | standard       | RuleStandard",
        "0  | 10    | 120000  | OPS_LEAD               | standard       | RuleStandard"
      })
  void theFirstMatchingRuleRoutes(
      final long belowCostItems,
      final double discountDepthPercent,
      final long totalSubsidyFen,
      final String approvers,
      final String rule,
      final String ruleId)
      throws Exception {
    assertRouted(
        evaluate(campaign(belowCostItems, discountDepthPercent, totalSubsidyFen)),
        List.of(approvers.split(",")),
        rule,
        ruleId);
  }

  @Test
  void sellingBelowCostWinsOverASmallDiscount() throws Exception {
    // a small discount alone is standard; one SKU below cost puts it before all three approvers
    assertRouted(evaluate(campaign(0, 5, 20_000)), List.of("OPS_LEAD"), "standard", "RuleStandard");
    assertRouted(
        evaluate(campaign(1, 5, 20_000)),
        List.of("OPS_LEAD", "FINANCE", "ADMIN"),
        "below-cost",
        "RuleBelowCost");
  }

  @Test
  void aDeepDiscountWinsOverTheFinanceReviewItAlsoMeets() throws Exception {
    // 55 % off meets both ">= 50" and ">= 20": the deep-discount rule comes first
    assertRouted(
        evaluate(campaign(0, 55, 600_000)),
        List.of("OPS_LEAD", "FINANCE", "ADMIN"),
        "deep-discount",
        "RuleDeepDiscountDepth");
  }
}
