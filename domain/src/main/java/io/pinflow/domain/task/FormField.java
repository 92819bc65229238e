package io.pinflow.domain.task;

import java.util.List;

/**
 * One input of a task's form: its variable name, type, whether it is required and, for choices, the
 * allowed values. {@code type} is the Camunda Forms component type (textfield, number, select,
 * radio, checkbox, textarea, datetime, ...).
 */
public record FormField(
    String key,
    String type,
    boolean required,
    List<String> values,
    Double min,
    Double max,
    Integer maxLength,
    String requiredWhen) {

  public FormField {
    values = values == null ? List.of() : List.copyOf(values);
  }

  public FormField(
      final String key,
      final String type,
      final boolean required,
      final List<String> values,
      final Double min,
      final Double max,
      final Integer maxLength) {
    this(key, type, required, values, min, max, maxLength, null);
  }

  public boolean hasChoices() {
    return !values.isEmpty();
  }
}
