package io.pinflow.workers.redrive;

import io.pinflow.domain.task.TaskDecision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tasks of one business object, of every engine run, and what people decided on them. A
 * decision the engine took but whose next step the database does not show yet is not asked for
 * again: the re-drive goes on from it.
 */
final class Decisions {

  private final List<TaskDecision> tasks;

  Decisions(final List<TaskDecision> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  /** The latest task of the step, whatever its state. */
  Optional<TaskDecision> latest(final String elementId) {
    return tasks.stream().filter(t -> t.elementId().equals(elementId)).reduce((a, b) -> b);
  }

  /** The latest task of the step, if a person decided it through the inbox. */
  Optional<TaskDecision> latestDecided(final String elementId) {
    return latest(elementId).filter(TaskDecision::decided);
  }

  /**
   * The latest task of the step, if a person decided it after {@code since} (the object entered the
   * state the task belongs to): a decision of an earlier round does not count.
   */
  Optional<TaskDecision> decidedAfter(final String elementId, final Instant since) {
    return latestDecided(elementId)
        .filter(t -> since == null || (t.completedAt() != null && t.completedAt().isAfter(since)));
  }

  /** Whether a person completed the step at some time. */
  boolean everCompleted(final String elementId) {
    return tasks.stream()
        .anyMatch(
            t ->
                t.elementId().equals(elementId)
                    && t.status() == io.pinflow.domain.task.UserTask.Status.COMPLETED);
  }
}
