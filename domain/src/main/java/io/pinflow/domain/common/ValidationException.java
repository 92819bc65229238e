package io.pinflow.domain.common;

import java.util.List;

/** Input that breaks the rules, with one entry per offending field. */
public class ValidationException extends DomainException {

  public record FieldError(String field, String message) {}

  private final List<FieldError> errors;

  public ValidationException(final List<FieldError> errors) {
    super(
        errors.stream()
            .map(e -> e.field() + ": " + e.message())
            .reduce((a, b) -> a + "; " + b)
            .orElse("invalid input"));
    this.errors = List.copyOf(errors);
  }

  public static ValidationException of(final String field, final String message) {
    return new ValidationException(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
