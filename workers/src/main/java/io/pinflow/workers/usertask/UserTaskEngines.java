package io.pinflow.workers.usertask;

import io.pinflow.domain.task.UserTask;
import io.pinflow.domain.task.UserTaskEngine;
import java.util.Map;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/** The inbox's engine: each task goes to the implementation of its kind. */
@Primary
@Component
public class UserTaskEngines implements UserTaskEngine {

  private final CamundaUserTaskEngine camundaUserTasks;
  private final JobWorkerUserTaskEngine jobWorkerUserTasks;

  public UserTaskEngines(
      final CamundaUserTaskEngine camundaUserTasks,
      final JobWorkerUserTaskEngine jobWorkerUserTasks) {
    this.camundaUserTasks = camundaUserTasks;
    this.jobWorkerUserTasks = jobWorkerUserTasks;
  }

  @Override
  public Outcome complete(final UserTask task, final Map<String, Object> variables) {
    return of(task).complete(task, variables);
  }

  @Override
  public boolean isActive(final UserTask task) {
    return of(task).isActive(task);
  }

  @Override
  public void assign(final UserTask task, final String assignee) {
    of(task).assign(task, assignee);
  }

  private UserTaskEngine of(final UserTask task) {
    return switch (task.kind()) {
      case CAMUNDA_USER_TASK -> camundaUserTasks;
      case JOB_WORKER -> jobWorkerUserTasks;
    };
  }
}
