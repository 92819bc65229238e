package io.pinflow.domain.task;

import io.pinflow.domain.common.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface TaskRepository {

  /** Stores a newly collected task; a task seen before (redelivered job) is left as it is. */
  boolean insertIfAbsent(UserTask task);

  /**
   * A task of an object re-driven in this engine run takes the place of the same task (process,
   * step, object, groups) its earlier instance left open when the engine stopped: that task opens
   * again under its id, with its claim and creation time, and the new job. Returns its id, or empty
   * when there is none to take over.
   */
  Optional<String> reopenLeftByRestart(UserTask task);

  /**
   * Closes the open tasks of earlier engine runs: an engine that started afresh (embedded mode) no
   * longer has their jobs. Returns how many were closed.
   */
  int cancelTasksOfEarlierEngineRuns(Instant at);

  /**
   * Completes a task being completed, keeping the variables the person submitted; false when it was
   * not being completed.
   */
  boolean complete(String taskId, String by, Instant at, Map<String, Object> variables);

  /** Every task of the business object, of any engine run, with the decisions, oldest first. */
  List<TaskDecision> decisions(String businessKey);

  Optional<UserTask> find(String taskId);

  /** The task of the current engine run that the engine holds under {@code engineKey}. */
  Optional<UserTask> ofEngine(long engineKey);

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
