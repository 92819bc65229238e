package io.pinflow.domain.erp;

import java.time.Instant;

/**
 * One ERP file or upload, identified by kind and the SHA-256 of its content, with how far it got:
 * RUNNING, DONE (every record taken or rejected) or FAILED (the file as a whole was unusable).
 */
public record ErpImport(
    long importId,
    ImportKind kind,
    String contentHash,
    String source,
    String fileName,
    String format,
    long sizeBytes,
    Status status,
    int recordsTotal,
    int recordsAccepted,
    int recordsRejected,
    String error,
    String receivedBy,
    String claimedBy,
    Instant startedAt,
    Instant finishedAt) {

  public enum Status {
    RUNNING,
    DONE,
    FAILED
  }
}
