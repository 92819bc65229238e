package io.pinflow.domain.task;

import java.time.Instant;
import java.util.Map;

/**
 * A task of a business object as the inbox keeps it, with what the person decided: the variables of
 * the completion ({@code variables} is empty unless the task was completed through the inbox).
 */
public record TaskDecision(
    String taskId,
    String processId,
    String elementId,
    UserTask.Status status,
    Instant createdAt,
    Instant completedAt,
    String completedBy,
    Map<String, Object> variables) {

  public TaskDecision {
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }

  /** Completed through the inbox, with the decision's variables. */
  public boolean decided() {
    return status == UserTask.Status.COMPLETED && !variables.isEmpty();
  }

  /** A variable of the decision as text, or null. */
  public String text(final String name) {
    final Object value = variables.get(name);
    return value == null ? null : value.toString();
  }
}
