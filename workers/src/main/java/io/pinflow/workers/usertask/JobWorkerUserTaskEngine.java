package io.pinflow.workers.usertask;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status.Code;
import io.pinflow.domain.task.UserTask;
import io.pinflow.domain.task.UserTaskEngine;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * User tasks as the engine's jobs of type {@code io.camunda.zeebe:userTask}: completing a task
 * completes its job over gRPC. Works in the embedded engine and on a cluster (where Tasklist shows
 * them in its job-worker mode).
 */
@Component("jobWorkerUserTaskEngine")
public class JobWorkerUserTaskEngine implements UserTaskEngine {

  static final Duration LOCK = Duration.ofDays(7);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final CamundaClient camunda;

  public JobWorkerUserTaskEngine(final CamundaClient camunda) {
    this.camunda = camunda;
  }

  @Override
  public Outcome complete(final UserTask task, final Map<String, Object> variables) {
    try {
      camunda
          .newCompleteCommand(jobKey(task))
          .variables(variables)
          .requestTimeout(TIMEOUT)
          .send()
          .join();
      return Outcome.COMPLETED;
    } catch (final ClientStatusException e) {
      if (e.getStatusCode() == Code.NOT_FOUND) {
        return Outcome.GONE;
      }
      throw e;
    }
  }

  @Override
  public boolean isActive(final UserTask task) {
    try {
      camunda
          .newUpdateTimeoutCommand(jobKey(task))
          .timeout(LOCK)
          .requestTimeout(TIMEOUT)
          .send()
          .join();
      return true;
    } catch (final ClientStatusException e) {
      if (e.getStatusCode() == Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static long jobKey(final UserTask task) {
    return task.engineKey();
  }
}
