package io.pinflow.domain.warehouse;

import java.time.Instant;

public interface WmsEventRepository {

  /** Stores the event; false when an event with this id was received before. */
  boolean insertIfAbsent(WmsEvent event, String payload, Instant receivedAt);
}
