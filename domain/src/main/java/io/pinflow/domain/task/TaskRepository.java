package io.pinflow.domain.task;

import io.pinflow.domain.common.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface TaskRepository {

  /** Stores a newly collected task; a task seen before (redelivered job) is left as it is. */
  boolean insertIfAbsent(UserTask task);

  /**
   * Closes the open tasks of earlier engine runs: an engine that started afresh (embedded mode) no
   * longer has their jobs. Returns how many were closed.
   */
  int cancelTasksOfEarlierEngineRuns(Instant at);

  Optional<UserTask> find(String taskId);

  Page<UserTask> open(TaskQuery query);

  /** Moves the task from {@code from} to {@code to}; false when it was not in {@code from}. */
  boolean transition(
      String taskId, UserTask.Status from, UserTask.Status to, String by, Instant at);

  /** Sets the assignee if the task is open and unassigned or already the assignee's. */
  boolean claim(String taskId, String assignee);

  /** Tasks of the current engine run in one of the given states, oldest first (liveness sweep). */
  List<UserTask> inStatus(List<UserTask.Status> statuses, int limit);

  List<UserTask> forBusinessKey(String businessKey);
}
