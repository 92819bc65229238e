package io.pinflow.domain.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the input fields out of a Camunda Forms schema (the {@code .form} files next to the BPMN):
 * every component with a {@code key} that a person fills in, including those inside groups.
 * Read-only and disabled components only display process data and are not inputs.
 */
public final class FormSchema {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> INPUT_TYPES =
      Set.of(
          "textfield",
          "textarea",
          "number",
          "select",
          "radio",
          "checkbox",
          "checklist",
          "taglist",
          "datetime");

  private FormSchema() {}

  public record Parsed(String formId, List<FormField> fields) {}

  public static Parsed parse(final String schemaJson) {
    final JsonNode root;
    try {
      root = JSON.readTree(schemaJson);
    } catch (final IOException e) {
      throw new IllegalArgumentException("not a form schema: " + e.getMessage(), e);
    }
    if (root == null || !root.path("components").isArray()) {
      throw new IllegalArgumentException("not a form schema: no components");
    }
    final List<FormField> fields = new ArrayList<>();
    collect(root.path("components"), fields);
    return new Parsed(root.path("id").asText(null), fields);
  }

  private static void collect(final JsonNode components, final List<FormField> fields) {
    for (final JsonNode component : components) {
      if (component.path("components").isArray()) {
        collect(component.path("components"), fields);
      }
      final String type = component.path("type").asText("");
      final String key = component.path("key").asText(null);
      if (!INPUT_TYPES.contains(type)
          || key == null
          || component.path("readonly").asBoolean(false)
          || component.path("disabled").asBoolean(false)) {
        continue;
      }
      final JsonNode validate = component.path("validate");
      final List<String> values = new ArrayList<>();
      component.path("values").forEach(v -> values.add(v.path("value").asText()));
      fields.add(
          new FormField(
              key,
              type,
              validate.path("required").asBoolean(false),
              values,
              validate.has("min") ? validate.get("min").asDouble() : null,
              validate.has("max") ? validate.get("max").asDouble() : null,
              validate.has("maxLength") ? validate.get("maxLength").asInt() : null,
              component.path("properties").path("requiredWhen").asText(null)));
    }
  }
}
