package io.pinflow.domain.task;

import java.util.Map;

/**
 * The engine side of user tasks. Job-worker based today (complete the job); Camunda user tasks
 * later (complete the user task): only the implementation changes.
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
}
