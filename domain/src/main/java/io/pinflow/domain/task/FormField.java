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
    Integer maxLength) {

  public FormField {
    values = values == null ? List.of() : List.copyOf(values);
  }

  public boolean hasChoices() {
    return !values.isEmpty();
  }
}
