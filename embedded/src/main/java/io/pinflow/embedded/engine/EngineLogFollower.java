package io.pinflow.embedded.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.deployment.ProcessRecord;
import io.camunda.zeebe.protocol.impl.record.value.incident.IncidentRecord;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the engine's log for what the embedded engine cannot be asked for (it has no search API):
 * which incident belongs to which failed job (resolving a job incident needs its key), and the BPMN
 * models deployed, by Pinflow or from outside (Modeler, zbctl), for listeners; the user tasks the
 * engine holds open, for the user-task API. Reads each record's metadata once and keeps nothing
 * else.
 */
final class EngineLogFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineLogFollower.class);
  private static final long POLL_MS = 100;

  private final LogStreamReader reader;
  private final Map<Long, Long> incidentsByJob = new ConcurrentHashMap<>();
  private final RecordMetadata metadata = new RecordMetadata();
  private final IncidentRecord incident = new IncidentRecord();
  private final ProcessRecord process = new ProcessRecord();
  private final UserTaskRecord userTask = new UserTaskRecord();
  private final Map<Long, OpenUserTask> openUserTasks = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, byte[]>> deploymentListeners = new CopyOnWriteArrayList<>();
  private final List<LongConsumer> cancelledTaskListeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService poller;
  private volatile long lastPosition = -1;

  EngineLogFollower(final LogStream logStream) {
    this.reader = logStream.newLogStreamReader();
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              final var thread = new Thread(runnable, "zeebe-log-follower");
              thread.setDaemon(true);
              return thread;
            });
  }

  void start() {
    poller.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  /** Hears of every BPMN model the engine takes from now on: resource name and content. */
  void addDeploymentListener(final BiConsumer<String, byte[]> listener) {
    deploymentListeners.add(listener);
  }

  /**
   * Hears of every user task the engine cancels from now on (its element was ended by a timer, a
   * cancellation, an event subprocess): the task's key. Called on the follower's thread.
   */
  void addCancelledTaskListener(final LongConsumer listener) {
    cancelledTaskListeners.add(listener);
  }

  /** The position of the last record read; the log below it is not read again. */
  long position() {
    return lastPosition;
  }

  OptionalLong incidentKeyOfJob(final long jobKey) {
    poll();
    final Long key = incidentsByJob.get(jobKey);
    return key == null ? OptionalLong.empty() : OptionalLong.of(key);
  }

  /** The user task as the engine holds it, while it is open (being created, created, assigned). */
  Optional<OpenUserTask> openUserTask(final long userTaskKey) {
    poll();
    return Optional.ofNullable(openUserTasks.get(userTaskKey));
  }

  private synchronized void poll() {
    try {
      reader.seekToNextEvent(lastPosition);
      while (reader.hasNext()) {
        final LoggedEvent event = reader.next();
        lastPosition = event.getPosition();
        metadata.reset();
        event.readMetadata(metadata);
        if (metadata.getRecordType() != RecordType.EVENT) {
          continue;
        }
        // each process of a deployment is created with its model; a repeated one is not
        if (metadata.getValueType() == ValueType.PROCESS
            && metadata.getIntent() == ProcessIntent.CREATED) {
          deployed(event);
          continue;
        }
        if (metadata.getValueType() == ValueType.USER_TASK) {
          userTaskEvent(event, (UserTaskIntent) metadata.getIntent());
          continue;
        }
        if (metadata.getValueType() != ValueType.INCIDENT) {
          continue;
        }
        incident.reset();
        event.readValue(incident);
        if (incident.getJobKey() <= 0) {
          continue;
        }
        if (metadata.getIntent() == IncidentIntent.CREATED) {
          incidentsByJob.put(incident.getJobKey(), event.getKey());
        } else if (metadata.getIntent() == IncidentIntent.RESOLVED) {
          incidentsByJob.remove(incident.getJobKey());
        }
      }
    } catch (final RuntimeException e) {
      LOG.debug("reading incidents and deployments from the log", e);
    }
  }

  private void userTaskEvent(final LoggedEvent event, final UserTaskIntent intent) {
    switch (intent) {
      case CREATING, CREATED, ASSIGNED, UPDATED, CORRECTED -> {
        userTask.reset();
        event.readValue(userTask);
        openUserTasks.put(
            userTask.getUserTaskKey(),
            OpenUserTask.of(userTask, intent == UserTaskIntent.CREATING));
      }
      case COMPLETED -> openUserTasks.remove(event.getKey());
      case CANCELED -> {
        openUserTasks.remove(event.getKey());
        for (final LongConsumer listener : cancelledTaskListeners) {
          try {
            listener.accept(event.getKey());
          } catch (final RuntimeException e) {
            LOG.warn("a cancelled-task listener failed on {}", event.getKey(), e);
          }
        }
      }
      default -> {
        // transitions in between (assigning, completing, …) leave the task as it was
      }
    }
  }

  private void deployed(final LoggedEvent event) {
    if (deploymentListeners.isEmpty()) {
      return;
    }
    process.reset();
    event.readValue(process);
    final String name = process.getResourceName();
    final byte[] model = process.getResource();
    for (final BiConsumer<String, byte[]> listener : deploymentListeners) {
      try {
        listener.accept(name, model);
      } catch (final RuntimeException e) {
        LOG.warn("a deployment listener failed on {}", name, e);
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    reader.close();
  }
}
