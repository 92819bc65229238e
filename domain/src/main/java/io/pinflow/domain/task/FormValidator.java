package io.pinflow.domain.task;

import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the variables submitted with a task against its form: required fields present, types
 * right, choices among the allowed values, numbers in range. Variables the form does not know are
 * refused, so a completion cannot overwrite process data it has no field for.
 */
public final class FormValidator {

  private static final int DEFAULT_MAX_TEXT = 2000;

  private FormValidator() {}

  /** The submitted variables, checked, with numbers normalised; throws on any error. */
  public static Map<String, Object> validate(
      final List<FormField> fields, final Map<String, Object> submitted) {
    final Map<String, Object> values = submitted == null ? Map.of() : submitted;
    final List<FieldError> errors = new ArrayList<>();
    final Set<String> known = fields.stream().map(FormField::key).collect(Collectors.toSet());
    values.keySet().stream()
        .filter(key -> !known.contains(key))
        .sorted()
        .forEach(key -> errors.add(new FieldError("variables." + key, "not a field of this form")));

    final Map<String, Object> accepted = new LinkedHashMap<>();
    for (final FormField field : fields) {
      final Object value = values.get(field.key());
      final String path = "variables." + field.key();
      if (value == null || (value instanceof String s && s.isBlank())) {
        if (field.required()) {
          errors.add(new FieldError(path, "required"));
        } else if (requiredNow(field, values)) {
          errors.add(new FieldError(path, "required when " + field.requiredWhen()));
        }
        continue;
      }
      final Object checked = check(field, value, path, errors);
      if (checked != null) {
        accepted.put(field.key(), checked);
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return accepted;
  }

  /** {@code requiredWhen = "decision=PARTIAL_REFUND"}: required if that field has that value. */
  private static boolean requiredNow(final FormField field, final Map<String, Object> values) {
    if (field.requiredWhen() == null || !field.requiredWhen().contains("=")) {
      return false;
    }
    final String[] condition = field.requiredWhen().split("=", 2);
    return condition[1].strip().equals(String.valueOf(values.get(condition[0].strip())));
  }

  private static Object check(
      final FormField field, final Object value, final String path, final List<FieldError> errors) {
    switch (field.type()) {
      case "number" -> {
        if (!(value instanceof Number number)) {
          errors.add(new FieldError(path, "must be a number"));
          return null;
        }
        final double asDouble = number.doubleValue();
        if (!Double.isFinite(asDouble)) {
          errors.add(new FieldError(path, "must be a finite number"));
          return null;
        }
        if (field.min() != null && asDouble < field.min()) {
          errors.add(new FieldError(path, "must be at least " + format(field.min())));
        }
        if (field.max() != null && asDouble > field.max()) {
          errors.add(new FieldError(path, "must be at most " + format(field.max())));
        }
        return asDouble == Math.rint(asDouble) && Math.abs(asDouble) < 1e15
            ? (Object) (long) asDouble
            : asDouble;
      }
      case "checkbox" -> {
        if (!(value instanceof Boolean)) {
          errors.add(new FieldError(path, "must be true or false"));
          return null;
        }
        return value;
      }
      case "checklist", "taglist" -> {
        if (!(value instanceof List<?> list)
            || list.stream().anyMatch(v -> !field.values().contains(String.valueOf(v)))) {
          errors.add(new FieldError(path, "must be a list of " + field.values()));
          return null;
        }
        return value;
      }
      case "datetime" -> {
        if (!(value instanceof String text) || !isDateTime(text)) {
          errors.add(new FieldError(path, "must be an ISO-8601 date-time with offset"));
          return null;
        }
        return value;
      }
      default -> {
        if (!(value instanceof String text)) {
          errors.add(new FieldError(path, "must be text"));
          return null;
        }
        if (field.hasChoices() && !field.values().contains(text)) {
          errors.add(new FieldError(path, "must be one of " + field.values()));
          return null;
        }
        final int maxLength = field.maxLength() == null ? DEFAULT_MAX_TEXT : field.maxLength();
        if (text.length() > maxLength) {
          errors.add(new FieldError(path, "at most " + maxLength + " characters"));
          return null;
        }
        return text;
      }
    }
  }

  private static boolean isDateTime(final String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (final DateTimeParseException e) {
      return false;
    }
  }

  private static String format(final double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
