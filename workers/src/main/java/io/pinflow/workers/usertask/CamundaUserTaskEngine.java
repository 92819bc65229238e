package io.pinflow.workers.usertask;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.task.UserTask;
import io.pinflow.domain.task.UserTaskEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Camunda user tasks ({@code zeebe:userTask}) through the Camunda client's user-task commands,
 * which Camunda 8.8 offers over REST only: on a cluster its REST API, in embedded mode the engine's
 * own ({@code pinflow.embedded.engine.rest-port}).
 *
 * <p>Whether a task is still open is read back with the task's key. A cluster's reads follow its
 * exporter, and the embedded engine learns of a task from its log a moment after the listener let
 * it be created: a task not found within {@link #NOT_YET_VISIBLE} of its collection counts as open.
 */
@Component("camundaUserTaskEngine")
public class CamundaUserTaskEngine implements UserTaskEngine {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Set<UserTaskState> OPEN =
      EnumSet.of(
          UserTaskState.CREATING,
          UserTaskState.CREATED,
          UserTaskState.ASSIGNING,
          UserTaskState.UPDATING,
          UserTaskState.COMPLETING);

  private final CamundaClient camunda;
  private final Clock clock;
  private final Duration visibilityLag;

  public CamundaUserTaskEngine(
      final CamundaClient camunda,
      final Clock clock,
      @Value("${pinflow.tasks.visibility-lag:PT2M}") final Duration visibilityLag) {
    this.camunda = camunda;
    this.clock = clock;
    this.visibilityLag = visibilityLag;
  }

  @Override
  public Outcome complete(final UserTask task, final Map<String, Object> variables) {
    try {
      camunda
          .newCompleteUserTaskCommand(task.engineKey())
          .variables(variables)
          .requestTimeout(TIMEOUT)
          .send()
          .join();
      return Outcome.COMPLETED;
    } catch (final ProblemException e) {
      if (e.code() == 404) {
        return Outcome.GONE;
      }
      if (e.code() == 409) {
        throw new ConflictException(
            "task-not-ready",
            "task "
                + task.taskId()
                + " is being changed by the engine right now ("
                + detail(e)
                + "); try again in a moment");
      }
      throw e;
    }
  }

  @Override
  public boolean isActive(final UserTask task) {
    try {
      final var read =
          camunda.newUserTaskGetRequest(task.engineKey()).requestTimeout(TIMEOUT).send().join();
      return read.getState() == null || OPEN.contains(read.getState());
    } catch (final ProblemException e) {
      if (e.code() == 404) {
        return task.createdAt() != null
            && task.createdAt().isAfter(clock.instant().minus(visibilityLag));
      }
      throw e;
    }
  }

  @Override
  public void assign(final UserTask task, final String assignee) {
    if (assignee == null) {
      camunda.newUnassignUserTaskCommand(task.engineKey()).requestTimeout(TIMEOUT).send().join();
    } else {
      camunda
          .newAssignUserTaskCommand(task.engineKey())
          .assignee(assignee)
          .allowOverride(true)
          .requestTimeout(TIMEOUT)
          .send()
          .join();
    }
  }

  private static String detail(final ProblemException e) {
    return e.details() != null && e.details().getDetail() != null
        ? e.details().getDetail()
        : e.getMessage();
  }
}
