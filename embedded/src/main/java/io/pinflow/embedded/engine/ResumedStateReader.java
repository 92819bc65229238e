package io.pinflow.embedded.engine;

import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.engine.state.immutable.IncidentState;
import io.camunda.zeebe.engine.state.immutable.UserTaskState.LifecycleState;
import io.camunda.zeebe.engine.state.instance.DbIncidentState;
import io.camunda.zeebe.engine.state.instance.DbUserTaskState;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads user tasks and job incidents from the engine's state, for those an earlier run of a resumed
 * engine created: the log they were written to is gone, so the {@link EngineLogFollower} never saw
 * them. Reads through a transaction context of its own, beside the engine's processing.
 */
final class ResumedStateReader {

  private static final int PARTITION_ID = 1;

  private final DbUserTaskState userTasks;
  private final DbIncidentState incidents;

  ResumedStateReader(final ZeebeDb<ZbColumnFamilies> database) {
    final var context = database.createContext();
    this.userTasks = new DbUserTaskState(database, context);
    this.incidents = new DbIncidentState(database, context, PARTITION_ID);
  }

  synchronized Optional<OpenUserTask> openUserTask(final long userTaskKey) {
    final LifecycleState state = userTasks.getLifecycleState(userTaskKey);
    if (state == LifecycleState.NOT_FOUND) {
      return Optional.empty();
    }
    final UserTaskRecord record = userTasks.getUserTask(userTaskKey);
    return record == null
        ? Optional.empty()
        : Optional.of(OpenUserTask.of(record, state == LifecycleState.CREATING));
  }

  synchronized OptionalLong incidentKeyOfJob(final long jobKey) {
    final long key = incidents.getJobIncidentKey(jobKey);
    return key == IncidentState.MISSING_INCIDENT ? OptionalLong.empty() : OptionalLong.of(key);
  }
}
