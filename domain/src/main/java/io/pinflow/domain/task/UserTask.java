package io.pinflow.domain.task;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A task for people, as the engine created it: which process and step, which business object and
 * shop, which roles may work on it, its due date and form, and the variables its form shows.
 */
public record UserTask(
    String taskId,
    long jobKey,
    long processInstanceKey,
    String processId,
    String elementId,
    String name,
    String businessKey,
    String orderSn,
    String shopId,
    Set<String> candidateGroups,
    String assignee,
    Instant dueDate,
    String formId,
    List<FormField> formFields,
    String excludedUser,
    String variablesJson,
    Status status,
    Instant createdAt,
    Instant completedAt,
    String completedBy) {

  public enum Status {
    OPEN,
    COMPLETING,
    COMPLETED,
    CANCELED
  }

  public UserTask {
    candidateGroups = Set.copyOf(candidateGroups);
    formFields = formFields == null ? List.of() : List.copyOf(formFields);
  }

  public boolean isOpen() {
    return status == Status.OPEN;
  }
}
