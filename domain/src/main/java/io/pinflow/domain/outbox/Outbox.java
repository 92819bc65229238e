package io.pinflow.domain.outbox;

import java.time.Instant;
import java.util.List;

/**
 * Messages for the engine, written in the transaction of the change that causes them. A message id
 * seen before is not stored twice.
 */
public interface Outbox {

  /** Stores the message; false when one with the same message id exists. */
  boolean add(OutboxMessage message);

  List<PendingMessage> due(Instant now, int limit);

  void published(java.util.Collection<Long> ids);

  void failed(long id, String error, Instant nextAttempt);

  /**
   * Drops messages not published yet that something else made pointless: those with one of the
   * message ids, and those named {@code names} for the correlation key. Returns how many.
   */
  int discard(java.util.Collection<String> messageIds, String correlationKey, List<String> names);
}
