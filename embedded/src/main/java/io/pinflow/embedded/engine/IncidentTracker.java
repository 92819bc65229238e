package io.pinflow.embedded.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.incident.IncidentRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the engine's log for incident events and remembers which incident belongs to which failed
 * job. The embedded engine has no search API; resolving a job incident needs its key. Reads each
 * record's metadata once and keeps nothing else.
 */
final class IncidentTracker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentTracker.class);
  private static final long POLL_MS = 100;

  private final LogStreamReader reader;
  private final Map<Long, Long> incidentsByJob = new ConcurrentHashMap<>();
  private final RecordMetadata metadata = new RecordMetadata();
  private final IncidentRecord incident = new IncidentRecord();
  private final ScheduledExecutorService poller;
  private long lastPosition = -1;

  IncidentTracker(final LogStream logStream) {
    this.reader = logStream.newLogStreamReader();
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              final var thread = new Thread(runnable, "zeebe-incident-tracker");
              thread.setDaemon(true);
              return thread;
            });
  }

  void start() {
    poller.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  OptionalLong incidentKeyOfJob(final long jobKey) {
    poll();
    final Long key = incidentsByJob.get(jobKey);
    return key == null ? OptionalLong.empty() : OptionalLong.of(key);
  }

  private synchronized void poll() {
    try {
      reader.seekToNextEvent(lastPosition);
      while (reader.hasNext()) {
        final LoggedEvent event = reader.next();
        lastPosition = event.getPosition();
        metadata.reset();
        event.readMetadata(metadata);
        if (metadata.getValueType() != ValueType.INCIDENT
            || metadata.getRecordType() != RecordType.EVENT) {
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
      LOG.debug("reading incidents from the log", e);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    reader.close();
  }
}
