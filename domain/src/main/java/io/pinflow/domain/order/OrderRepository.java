package io.pinflow.domain.order;

import io.pinflow.domain.common.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface OrderRepository {

  /** Inserts the order with its lines; false when an order with this number exists. */
  boolean insert(Order order);

  Optional<Order> find(String orderSn);

  Page<Order> list(OrderQuery query);

  /**
   * Moves the order to {@code to} if it is in one of {@code from}, stamping the status's time;
   * false otherwise.
   */
  boolean transition(String orderSn, Set<OrderStatus> from, OrderStatus to, Instant at);

  void updateHolds(String orderSn, Order.Holds holds, Instant at);

  boolean moveWmsState(String orderSn, WmsState from, WmsState to, Instant at);

  /** Records a cancellation request if the order is still before shipment and has none. */
  boolean requestCancel(String orderSn, String reason, Instant at);

  void clearCancelRequest(String orderSn, Instant at);

  /** Adds the parcel unless the order has it already; false when it was known. */
  boolean addShipment(String orderSn, Shipment shipment);

  void markUploaded(String orderSn, String trackingNumber, Instant at);

  boolean flagShipByAtRisk(String orderSn, Instant at);

  boolean flagShipByBreached(String orderSn, Instant at);

  /** Notes the platform's first report of the buyer's receipt; false when it was noted before. */
  boolean markPlatformReceived(String orderSn, Instant at);

  /**
   * Orders that have not reached a final status, oldest first, except generated sample history
   * (which no process ever ran).
   */
  List<String> unfinished();

  /** Orders waiting for stock that contain one of the SKUs. */
  List<String> awaitingStockWith(Collection<String> outerSkuIds);
}
