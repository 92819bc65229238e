package io.pinflow.domain.task;

import java.util.Map;

/**
 * The engine side of user tasks: Camunda user tasks are completed with the user-task command,
 * job-worker user tasks by completing their job; the inbox does not tell them apart.
 */
public interface UserTaskEngine {

  enum Outcome {
    COMPLETED,
    /** The engine no longer has the task: the process moved on (timer, cancellation). */
    GONE
  }

  Outcome complete(UserTask task, Map<String, Object> variables);

  /** Whether the engine still waits for this task; also renews its lock. */
  boolean isActive(UserTask task);

  /**
   * Tells the engine who works on the task now ({@code null}: nobody), so that Camunda's own tools
   * show the same; the inbox's claim stands whatever the engine answers.
   */
  default void assign(final UserTask task, final String assignee) {}
}
