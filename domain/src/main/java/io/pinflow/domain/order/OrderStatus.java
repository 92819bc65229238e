package io.pinflow.domain.order;

import java.util.EnumSet;
import java.util.Set;

/** Where an order stands; the values of the API contract. */
public enum OrderStatus {
  RECEIVED,
  RESERVED,
  AWAITING_STOCK,
  SENT_TO_WMS,
  SHIPPED,
  DELIVERED,
  COMPLETED,
  CANCELLED;

  /** Before the goods left the warehouse: the order can still be cancelled. */
  public static final Set<OrderStatus> BEFORE_SHIPMENT =
      EnumSet.of(RECEIVED, RESERVED, AWAITING_STOCK, SENT_TO_WMS);

  public boolean isBeforeShipment() {
    return BEFORE_SHIPMENT.contains(this);
  }

  public boolean isFinal() {
    return this == COMPLETED || this == CANCELLED;
  }
}
