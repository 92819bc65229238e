package io.pinflow.domain.task;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A task for people, as the engine created it: which process and step, which business object and
 * shop, which roles may work on it, its due date and form, and the variables its form shows.
 *
 * @param engineKey the engine's key of the user task, or of its job for a job-worker user task
 * @param kind how the engine holds the task, and so how it is completed
 */
public record UserTask(
    String taskId,
    long engineKey,
    Kind kind,
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

  /** How the engine holds a user task. */
  public enum Kind {
    /** A Camunda user task ({@code zeebe:userTask}): completed with the user-task command. */
    CAMUNDA_USER_TASK,
    /** A job of type {@code io.camunda.zeebe:userTask}: completed by completing the job. */
    JOB_WORKER
  }

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
