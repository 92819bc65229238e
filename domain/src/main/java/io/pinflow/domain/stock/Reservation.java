package io.pinflow.domain.stock;

import java.util.List;

/** The outcome of a reservation request. */
public sealed interface Reservation {

  /** Everything is reserved (now, or by an earlier request of the same owner). */
  record Reserved(boolean alreadyHeld) implements Reservation {}

  /** Nothing was reserved: these SKUs lack stock. */
  record Short(List<Shortage> shortages) implements Reservation {}

  /** The owner's reservation was released or used before; it is not taken again. */
  record Closed(String status) implements Reservation {}

  record Shortage(String outerSkuId, int requested, int available) {}
}
