package io.pinflow.domain.audit;

import java.time.Instant;

/**
 * One line of the append-only audit trail: who did what to which object of which shop, with what
 * outcome, when and from where.
 */
public record AuditEntry(
    Long id,
    Instant at,
    String actor,
    String actorType,
    String action,
    String targetType,
    String targetKey,
    String shopId,
    Outcome outcome,
    String sourceAddress,
    String detail) {

  public enum Outcome {
    SUCCESS,
    REJECTED,
    DENIED,
    FAILED
  }

  private static final int MAX_DETAIL = 1000;

  public AuditEntry {
    if (detail != null && detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 1) + "…";
    }
  }
}
