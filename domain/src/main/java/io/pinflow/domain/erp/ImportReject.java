package io.pinflow.domain.erp;

import java.time.Instant;
import java.util.Map;

/** A record an import could not take: which it was, where it stood, why, its fields as read. */
public record ImportReject(
    long importId,
    long recordNo,
    long line,
    String reason,
    Map<String, String> record,
    Status status,
    Instant resolvedAt) {

  public enum Status {
    /** Still not taken. */
    OPEN,
    /** Taken on a replay, after its cause was fixed. */
    REPLAYED
  }
}
