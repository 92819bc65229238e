package io.pinflow.domain.incident;

import java.time.Instant;

/**
 * Something that stopped and needs a person: a job whose retries are exhausted (kind JOB), or a
 * connector message that went to the dead letter store (kind MESSAGE), with its business key.
 */
public record Incident(
    long incidentId,
    Kind kind,
    Status status,
    Long jobKey,
    Long processInstanceKey,
    String elementId,
    String jobType,
    String source,
    String businessKey,
    String shopId,
    String errorType,
    String errorMessage,
    String payload,
    String headers,
    int retries,
    Instant createdAt,
    Instant resolvedAt,
    String resolvedBy) {

  public enum Kind {
    JOB,
    MESSAGE
  }

  public enum Status {
    OPEN,
    RETRIED,
    RESOLVED
  }
}
