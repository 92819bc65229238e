package io.pinflow.domain.audit;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.audit.AuditEntry.Outcome;
import io.pinflow.domain.common.Page;
import java.time.Clock;

/** Writes and reads the audit trail. Entries are never changed once written. */
public class AuditTrail {

  private final AuditRepository repository;
  private final Clock clock;

  public AuditTrail(final AuditRepository repository, final Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** What happened, to which object, of which shop. */
  public record Event(
      String action, String targetType, String targetKey, String shopId, String detail) {

    public static Event of(final String action, final String targetType, final String targetKey) {
      return new Event(action, targetType, targetKey, null, null);
    }

    public Event inShop(final String shop) {
      return new Event(action, targetType, targetKey, shop, detail);
    }

    public Event withDetail(final String text) {
      return new Event(action, targetType, targetKey, shopId, text);
    }
  }

  public void record(
      final Actor actor, final Event event, final Outcome outcome, final String sourceAddress) {
    record(actor.name(), actor.type().name(), event, outcome, sourceAddress);
  }

  /** For callers that are not (yet) an actor, e.g. a failed sign-in. */
  public void record(
      final String actorName,
      final String actorType,
      final Event event,
      final Outcome outcome,
      final String sourceAddress) {
    repository.append(
        new AuditEntry(
            null,
            clock.instant(),
            actorName == null || actorName.isBlank() ? "anonymous" : truncate(actorName, 100),
            actorType,
            event.action(),
            event.targetType(),
            event.targetKey() == null ? null : truncate(event.targetKey(), 128),
            event.shopId(),
            outcome,
            sourceAddress,
            event.detail()));
  }

  public Page<AuditEntry> search(final AuditQuery query) {
    return repository.search(query);
  }

  private static String truncate(final String value, final int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
