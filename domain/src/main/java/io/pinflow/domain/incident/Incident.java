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

  /**
   * A connector's record it could not take, to be replayed through the route named in {@code
   * headers} once the cause is fixed.
   */
  public static Incident deadLetter(
      final String source,
      final String businessKey,
      final String shopId,
      final String errorType,
      final String errorMessage,
      final String payload,
      final String headers,
      final Instant at) {
    return new Incident(
        0,
        Kind.MESSAGE,
        Status.OPEN,
        null,
        null,
        null,
        null,
        source,
        businessKey,
        shopId,
        errorType,
        errorMessage,
        payload,
        headers,
        0,
        at,
        null,
        null);
  }

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
