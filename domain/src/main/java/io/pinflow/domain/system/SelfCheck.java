package io.pinflow.domain.system;

import java.time.Instant;

/**
 * One end-to-end probe of the running system: requested through the API, carried by a process
 * instance, recorded by a job worker. Proves engine, workers and database work together.
 */
public record SelfCheck(
    String checkId,
    Instant requestedAt,
    Instant recordedAt,
    Long processInstanceKey,
    String worker) {

  public boolean isRecorded() {
    return recordedAt != null;
  }
}
