package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.MatchedDecisionRule;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The listing review policy, rule by rule, evaluated by the engine. */
class ListingReviewPolicyTableTest extends ProcessTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static EvaluateDecisionResponse evaluate(final Map<String, Object> variables) {
    return client
        .newEvaluateDecisionCommand()
        .decisionId("listing-review-policy")
        .variables(variables)
        .send()
        .join();
  }

  private static Map<String, Object> listing(
      final long categoryId, final String title, final Double priceToCostPercent) {
    final Map<String, Object> variables = new HashMap<>();
    variables.put("categoryId", categoryId);
    variables.put("title", title);
    variables.put("priceToCostPercent", priceToCostPercent);
    return variables;
  }

  private static void assertDecided(
      final EvaluateDecisionResponse result,
      final String decision,
      final String rule,
      final String ruleId)
      throws Exception {
    assertThat(result.getFailureMessage()).as("failure").isNullOrEmpty();
    final JsonNode output = JSON.readTree(result.getDecisionOutput());
    assertThat(output.path("decision").asText()).isEqualTo(decision);
    assertThat(output.path("rule").asText()).isEqualTo(rule);
    assertThat(result.getEvaluatedDecisions()).hasSize(1);
    // FIRST: only the first matching rule is reported
    assertThat(result.getEvaluatedDecisions().getFirst().getMatchedRules())
        .extracting(MatchedDecisionRule::getRuleId)
        .containsExactly(ruleId);
  }

  @ParameterizedTest(name = "category {0}, \"{1}\", price/cost {2}% -> {3} ({4})")
  @CsvSource({
    // restricted categories, whatever the title and price
    "9314,  维生素C咀嚼片 60片,      200,   REVIEW,       restricted category,     RuleRestrictedCategory",
    "9315,  家用电子血压计,          150,   REVIEW,       restricted category,     RuleRestrictedCategory",
    "8439,  婴儿配方奶粉 1段 800g,   105,   REVIEW,       restricted category,     RuleRestrictedCategory",
    "6128,  祛斑美白精华,            300,   REVIEW,       restricted category,     RuleRestrictedCategory",
    "9314,  全网最低 维生素C,        40,    REVIEW,       restricted category,     RuleRestrictedCategory",
    "9314,  维生素C咀嚼片,           ,      REVIEW,       restricted category,     RuleRestrictedCategory",
    // forbidden words of the advertising law, anywhere in the title
    "15583, 最舒服的纯棉T恤,         180,   REVIEW,       forbidden word in title, RuleForbiddenWordInTitle",
    "15583, 销量第一 纯棉T恤,        180,   REVIEW,       forbidden word in title, RuleForbiddenWordInTitle",
    "15583, 国家级工艺 紫砂壶,       180,   REVIEW,       forbidden word in title, RuleForbiddenWordInTitle",
    "15583, 顶级羊绒围巾,            180,   REVIEW,       forbidden word in title, RuleForbiddenWordInTitle",
    "15583, 极品大红袍 500g,         180,   REVIEW,       forbidden word in title, RuleForbiddenWordInTitle",
    "15583, 100%纯棉毛巾,            180,   REVIEW,       forbidden word in title, RuleForbiddenWordInTitle",
    "15583, 纯棉毛巾 全网最低,       180,   REVIEW,       forbidden word in title, RuleForbiddenWordInTitle",
    "15583, 全网最低 纯棉毛巾,       30,    REVIEW,       forbidden word in title, RuleForbiddenWordInTitle",
    // price far below cost
    "15583, 纯棉短袖T恤 男款,        69.99, REVIEW,       price far below cost,    RulePriceFarBelowCost",
    "15583, 纯棉短袖T恤 男款,        0,     REVIEW,       price far below cost,    RulePriceFarBelowCost",
    // within policy
    "15583, 纯棉短袖T恤 男款,        70,    AUTO_APPROVE, within policy,           RuleWithinPolicy",
    "15583, 纯棉短袖T恤 男款,        180,   AUTO_APPROVE, within policy,           RuleWithinPolicy",
    "15583, 纯棉短袖T恤 男款,        ,      AUTO_APPROVE, within policy,           RuleWithinPolicy",
    "15583, 100 % 纯棉 第 一 批,     100,   AUTO_APPROVE, within policy,           RuleWithinPolicy"
  })
  void theFirstMatchingRuleDecides(
      final long categoryId,
      final String title,
      final Double priceToCostPercent,
      final String decision,
      final String rule,
      final String ruleId)
      throws Exception {
    assertDecided(evaluate(listing(categoryId, title, priceToCostPercent)), decision, rule, ruleId);
  }

  @Test
  void aListingWithoutAnySkuCostIsNotHeldForItsPrice() throws Exception {
    // the validate worker may leave priceToCostPercent out altogether
    final Map<String, Object> variables = listing(15_583L, "纯棉短袖T恤 男款", null);
    variables.remove("priceToCostPercent");

    assertDecided(evaluate(variables), "AUTO_APPROVE", "within policy", "RuleWithinPolicy");
  }
}
