package io.pinflow.domain.warehouse;

import java.time.Instant;
import java.util.List;

public interface WmsEventRepository {

  /** Stores the event; false when an event with this id was received before. */
  boolean insertIfAbsent(WmsEvent event, String payload, Instant receivedAt);

  /** The events received about an order and its after-sales cases, in the order they came. */
  List<WmsEvent> ofOrder(String orderSn);
}
