package io.pinflow.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinflow.domain.common.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormValidatorTest {

  private static final String SCHEMA =
      """
      {"id": "review", "components": [
        {"type": "text", "text": "Please decide"},
        {"type": "radio", "key": "decision", "validate": {"required": true},
         "values": [{"label": "Approve", "value": "APPROVE"}, {"label": "Reject", "value": "REJECT"}]},
        {"type": "group", "components": [
          {"type": "number", "key": "refundAmountFen", "validate": {"min": 0, "max": 5000}}]},
        {"type": "textarea", "key": "comment", "validate": {"maxLength": 10}},
        {"type": "checkbox", "key": "notify"},
        {"type": "textfield", "key": "orderSn", "readonly": true}
      ]}
      """;

  private final List<FormField> fields = FormSchema.parse(SCHEMA).fields();

  @Test
  void theSchemaYieldsItsInputsIncludingGroupedOnesButNotDisplays() {
    assertThat(FormSchema.parse(SCHEMA).formId()).isEqualTo("review");
    assertThat(fields)
        .extracting(FormField::key)
        .containsExactly("decision", "refundAmountFen", "comment", "notify");
    assertThat(fields.getFirst().values()).containsExactly("APPROVE", "REJECT");
    assertThat(fields.getFirst().required()).isTrue();
  }

  @Test
  void validVariablesPassWithWholeNumbersAsLongs() {
    final var accepted =
        FormValidator.validate(
            fields, Map.of("decision", "APPROVE", "refundAmountFen", 1200.0, "notify", true));

    assertThat(accepted)
        .containsEntry("decision", "APPROVE")
        .containsEntry("refundAmountFen", 1200L)
        .containsEntry("notify", true);
  }

  @Test
  void everyBrokenRuleIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                FormValidator.validate(
                    fields,
                    Map.of(
                        "refundAmountFen", "lots",
                        "comment", "far too long a comment",
                        "notify", "yes",
                        "orderSn", "forged",
                        "status", "COMPLETED")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ValidationException.FieldError::field)
                    .containsExactlyInAnyOrder(
                        "variables.decision",
                        "variables.refundAmountFen",
                        "variables.comment",
                        "variables.notify",
                        "variables.orderSn",
                        "variables.status"));
  }

  @Test
  void aFieldRequiredWhenAnotherHasAValueIsRequiredOnlyThen() {
    final List<FormField> conditional =
        List.of(
            new FormField("decision", "radio", true, List.of("FULL", "PARTIAL"), null, null, null),
            new FormField(
                "amount", "number", false, List.of(), 0.0, null, null, "decision=PARTIAL"));

    assertThat(FormValidator.validate(conditional, Map.of("decision", "FULL")))
        .containsKey("decision");
    assertThatThrownBy(() -> FormValidator.validate(conditional, Map.of("decision", "PARTIAL")))
        .hasMessageContaining("variables.amount: required when decision=PARTIAL");
    assertThat(FormValidator.validate(conditional, Map.of("decision", "PARTIAL", "amount", 300)))
        .containsEntry("amount", 300L);
  }

  @Test
  void numbersOutOfRangeAndUnknownChoicesAreRefused() {
    assertThatThrownBy(
            () ->
                FormValidator.validate(
                    fields, Map.of("decision", "MAYBE", "refundAmountFen", 6000)))
        .hasMessageContaining("must be one of [APPROVE, REJECT]")
        .hasMessageContaining("must be at most 5000");
  }
}
