package io.pinflow.domain.task;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.ForbiddenException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.task.UserTask.Status;
import io.pinflow.domain.timeline.Timeline;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox of user tasks: collected from the engine, listed per caller's roles and shops, claimed
 * and completed with variables checked against the task's form.
 */
public class TaskInbox {

  private static final Logger LOG = LoggerFactory.getLogger(TaskInbox.class);

  private final TaskRepository tasks;
  private final UserTaskEngine engine;
  private final Timeline timeline;
  private final Clock clock;

  public TaskInbox(
      final TaskRepository tasks,
      final UserTaskEngine engine,
      final Timeline timeline,
      final Clock clock) {
    this.tasks = tasks;
    this.engine = engine;
    this.timeline = timeline;
    this.clock = clock;
  }

  /** After a start: tasks whose engine run ended cannot be completed any more. */
  public int closeTasksOfEarlierEngineRuns() {
    final int closed = tasks.cancelTasksOfEarlierEngineRuns(clock.instant());
    if (closed > 0) {
      LOG.warn("Closed {} open tasks of an earlier engine run", closed);
    }
    return closed;
  }

  /**
   * Stores a task the engine created; a redelivered one changes nothing. The task of an object
   * re-driven after a restart opens the task the restart closed again, under its id.
   */
  public boolean collect(final UserTask task) {
    final var reopened = tasks.reopenLeftByRestart(task);
    if (reopened.isPresent()) {
      LOG.info(
          "Task {} '{}' on {} ({}) open again after the restart",
          reopened.get(),
          task.name(),
          task.businessKey(),
          task.processId());
      return true;
    }
    final boolean added = tasks.insertIfAbsent(task);
    if (added) {
      LOG.info(
          "Task {} '{}' for {} on {} ({})",
          task.taskId(),
          task.name(),
          task.candidateGroups(),
          task.businessKey(),
          task.processId());
    }
    return added;
  }

  public Page<UserTask> list(
      final Actor actor,
      final String candidateGroup,
      final String assignee,
      final String businessKey,
      final PageRequest page) {
    if (candidateGroup != null && !actor.roles().contains(candidateGroup)) {
      return new Page<>(List.of(), page.page(), page.size(), 0);
    }
    return tasks.open(
        new TaskQuery(
            actor.name(),
            actor.roles(),
            actor.shops(),
            candidateGroup,
            assignee,
            businessKey,
            page));
  }

  /** The task, if the caller holds one of its candidate groups and may see its shop. */
  public UserTask get(final Actor actor, final String taskId) {
    return tasks
        .find(taskId)
        .filter(task -> visibleTo(actor, task))
        .orElseThrow(() -> new NotFoundException("task", taskId));
  }

  public List<UserTask> forBusinessKey(final String businessKey) {
    return tasks.forBusinessKey(businessKey);
  }

  /** The business object's tasks of every engine run, with what people decided, oldest first. */
  public List<TaskDecision> decisions(final String businessKey) {
    return tasks.decisions(businessKey);
  }

  public UserTask claim(final Actor actor, final String taskId) {
    final UserTask task = get(actor, taskId);
    requireOpen(task);
    requireNotExcluded(actor, task);
    if (!tasks.claim(taskId, actor.name())) {
      final UserTask now = get(actor, taskId);
      requireOpen(now);
      throw new ConflictException(
          "task-claimed", "task " + taskId + " is claimed by " + now.assignee());
    }
    final UserTask claimed = get(actor, taskId);
    try {
      engine.assign(claimed, actor.name());
    } catch (final RuntimeException e) {
      LOG.warn(
          "Task {} claimed by {}; the engine was not told: {}",
          taskId,
          actor.name(),
          e.getMessage());
    }
    return claimed;
  }

  /**
   * Completes the task: checks the variables against the form, moves the engine on, and marks the
   * task done. A second completion, or one after the process moved on, is a conflict.
   */
  /** The variable a completed task hands its process with the name of who completed it. */
  public static final String COMPLETED_BY = "completedBy";

  public UserTask complete(
      final Actor actor, final String taskId, final Map<String, Object> submitted) {
    final UserTask task = get(actor, taskId);
    requireOpen(task);
    requireNotExcluded(actor, task);
    if (task.assignee() != null && !task.assignee().equals(actor.name())) {
      throw new ConflictException(
          "task-claimed", "task " + taskId + " is claimed by " + task.assignee());
    }
    final Map<String, Object> variables = FormValidator.validate(task.formFields(), submitted);
    if (!tasks.transition(taskId, Status.OPEN, Status.COMPLETING, actor.name(), clock.instant())) {
      throw new ConflictException(
          "task-not-open", "task " + taskId + " is being completed already");
    }
    // who decided travels with the decision, for the process's own records
    final Map<String, Object> completion = new java.util.LinkedHashMap<>(variables);
    completion.put(COMPLETED_BY, actor.name());
    final UserTaskEngine.Outcome outcome;
    try {
      outcome = engine.complete(task, completion);
    } catch (final RuntimeException e) {
      tasks.transition(taskId, Status.COMPLETING, Status.OPEN, null, null);
      throw e;
    }
    if (outcome == UserTaskEngine.Outcome.GONE) {
      tasks.transition(taskId, Status.COMPLETING, Status.CANCELED, null, clock.instant());
      throw new ConflictException(
          "task-not-open", "task " + taskId + " is no longer active: the process has moved on");
    }
    tasks.complete(taskId, actor.name(), clock.instant(), variables);
    if (task.businessKey() != null) {
      timeline.record(
          businessTypeOf(task.processId()),
          task.businessKey(),
          task.orderSn(),
          "TASK_COMPLETED",
          task.name() + ": " + describe(variables),
          actor.name());
    }
    return tasks.find(taskId).orElseThrow();
  }

  /**
   * The engine cancelled the task it holds under {@code engineKey} (a timer, a cancellation, the
   * buyer's withdrawal): an open task leaves the inbox at once instead of at the next sweep. A task
   * being completed is left to the sweep, which knows whether the completion got there first.
   */
  public boolean cancelledByEngine(final long engineKey) {
    return tasks
        .ofEngine(engineKey)
        .filter(task -> task.status() == Status.OPEN && !engine.isActive(task))
        .map(
            task ->
                tasks.transition(
                    task.taskId(), Status.OPEN, Status.CANCELED, null, clock.instant()))
        .orElse(false);
  }

  /**
   * Closes tasks whose process has moved on without them (timers, cancellations) and renews the
   * engine's hold on the others. Returns how many tasks were closed.
   */
  public int sweep(final int limit) {
    int closed = 0;
    for (final UserTask task : tasks.inStatus(List.of(Status.OPEN, Status.COMPLETING), limit)) {
      if (engine.isActive(task)) {
        continue;
      }
      // a task left COMPLETING by a crash after the engine accepted the completion is done
      final Status end = task.status() == Status.COMPLETING ? Status.COMPLETED : Status.CANCELED;
      if (tasks.transition(
          task.taskId(), task.status(), end, task.completedBy(), clock.instant())) {
        closed++;
      }
    }
    return closed;
  }

  /** The kind of business object a process is about, for its timeline. */
  static String businessTypeOf(final String processId) {
    return switch (processId) {
      case "order-to-ship" -> "ORDER";
      case "refund-return" -> "AFTERSALE";
      case "listing" -> "LISTING";
      case "campaign-approval" -> "CAMPAIGN";
      default -> "PROCESS";
    };
  }

  private static String describe(final Map<String, Object> variables) {
    return variables.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .reduce((a, b) -> a + ", " + b)
        .orElse("no input");
  }

  /** A task of one of the caller's roles, or one the process assigned to the caller by name. */
  private static boolean visibleTo(final Actor actor, final UserTask task) {
    return (actor.hasAnyRole(task.candidateGroups()) || actor.name().equals(task.assignee()))
        && (task.shopId() == null || actor.shops().allows(task.shopId()));
  }

  private static void requireOpen(final UserTask task) {
    if (!task.isOpen()) {
      throw new ConflictException(
          "task-not-open", "task " + task.taskId() + " is " + task.status().name().toLowerCase());
    }
  }

  private static void requireNotExcluded(final Actor actor, final UserTask task) {
    if (actor.name().equals(task.excludedUser())) {
      throw new ForbiddenException(
          "four-eyes rule: you submitted " + task.businessKey() + ", someone else must decide");
    }
  }
}
