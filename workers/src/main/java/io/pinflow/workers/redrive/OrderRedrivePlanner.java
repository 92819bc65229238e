package io.pinflow.workers.redrive;

import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.order.Shipment;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.timeline.TimelineEvent;
import io.pinflow.domain.warehouse.WarehouseEvents;
import io.pinflow.domain.warehouse.WmsEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code order-to-ship} from the order's stored state. The ship-by timers come back from the
 * order's ship-by time when the fulfilment sub-process is entered again; the auto-completion timer
 * counts from the tracking upload.
 *
 * <table>
 *   <caption>Order status → where the process starts again</caption>
 *   <tr><th>Status (and what else is stored)</th><th>Step</th></tr>
 *   <tr><td>RECEIVED</td><td>TaskCheckHolds</td></tr>
 *   <tr><td>AWAITING_STOCK, shortage task decided CANCEL_ORDER</td><td>TaskReleaseStock</td></tr>
 *   <tr><td>AWAITING_STOCK, shortage task decided WAIT</td><td>GatewayWaitForStock</td></tr>
 *   <tr><td>AWAITING_STOCK, otherwise</td><td>TaskReserveStock (the task comes back if still
 *       short)</td></tr>
 *   <tr><td>RESERVED or SENT_TO_WMS, the WMS reported the shipment</td>
 *       <td>TaskRecordShipment</td></tr>
 *   <tr><td>RESERVED, WMS rejection decided CANCEL_ORDER</td><td>TaskReleaseStock</td></tr>
 *   <tr><td>RESERVED, otherwise</td><td>TaskSendToWms (idempotent per order)</td></tr>
 *   <tr><td>SENT_TO_WMS</td><td>CatchWmsShipped</td></tr>
 *   <tr><td>SHIPPED, tracking not uploaded</td><td>TaskUploadTracking</td></tr>
 *   <tr><td>SHIPPED, the platform reported the receipt</td><td>TaskMarkDelivered</td></tr>
 *   <tr><td>SHIPPED</td><td>GatewayAwaitDelivery</td></tr>
 *   <tr><td>DELIVERED</td><td>TaskCompleteOrder</td></tr>
 *   <tr><td>before shipment with a cancellation requested</td><td>also TaskCancelAtWms</td></tr>
 * </table>
 */
@Component
class OrderRedrivePlanner implements RedrivePlanner {

  static final String PROCESS = "order-to-ship";
  static final String SHORTAGE_TASK = "UserTaskResolveStockShortage";
  static final String WMS_REJECTION_TASK = "UserTaskResolveWmsRejection";
  static final String SHIP_BY_TASK = "UserTaskShipByAtRisk";
  static final String CANCEL_ORDER = "CANCEL_ORDER";

  private final Orders orders;
  private final WarehouseEvents warehouse;
  private final TaskInbox inbox;
  private final Clock clock;

  OrderRedrivePlanner(
      final Orders orders,
      final WarehouseEvents warehouse,
      final TaskInbox inbox,
      final Clock clock) {
    this.orders = orders;
    this.warehouse = warehouse;
    this.inbox = inbox;
    this.clock = clock;
  }

  @Override
  public String businessType() {
    return TimelineEvent.ORDER;
  }

  @Override
  public List<String> unfinished() {
    return orders.unfinished();
  }

  @Override
  public Optional<RedrivePlan> plan(final String orderSn) {
    final Order order = orders.find(orderSn);
    if (order.status().isFinal()) {
      return Optional.empty();
    }
    final Decisions decisions = new Decisions(inbox.decisions(orderSn));
    final Plans plan =
        new Plans(
                businessType(),
                orderSn,
                orderSn,
                order.shopId(),
                PROCESS,
                orders.processVariables(order))
            .supersedes(MessageNames.ORDER_RECEIVED + ":" + orderSn)
            // a warning someone handled is not raised again when its timer fires once more
            .put(
                "shipByWarningHandled",
                order.shipByAtRisk() && decisions.everCompleted(SHIP_BY_TASK));
    final Optional<WmsEvent> shipped =
        warehouse.ofOrder(orderSn).stream()
            .filter(e -> WmsEvent.SHIPPED.equals(e.type()) && e.afterSalesId() == null)
            .findFirst();
    final boolean cancelling;
    switch (order.status()) {
      case RECEIVED -> {
        plan.startBefore("TaskCheckHolds", "received: holds and stock from the start");
        cancelling = true;
      }
      case AWAITING_STOCK -> cancelling = awaitingStock(plan, decisions);
      case RESERVED -> cancelling = reserved(plan, decisions, shipped);
      case SENT_TO_WMS -> {
        if (shipped.isPresent()) {
          recordShipment(plan, shipped.get());
        } else {
          plan.startBefore("CatchWmsShipped", "sent to the WMS: waiting for the shipment");
        }
        cancelling = true;
      }
      case SHIPPED -> {
        shippedOrder(plan, order);
        cancelling = false;
      }
      case DELIVERED -> {
        plan.startBefore("TaskCompleteOrder", "delivered: completing");
        cancelling = false;
      }
      default -> throw new IllegalStateException("final order " + orderSn);
    }
    if (cancelling && order.isCancelRequested() && order.status().isBeforeShipment()) {
      plan.startBefore("TaskCancelAtWms", "cancellation requested: cancelling at the WMS")
          .put("cancelReason", order.cancelReason())
          .supersedesAll(MessageNames.ORDER_CANCEL_REQUESTED);
    }
    return plan.plan();
  }

  /** Returns whether the fulfilment goes on (a requested cancellation is started beside it). */
  private static boolean awaitingStock(final Plans plan, final Decisions decisions) {
    final Optional<TaskDecision> decided = decisions.latestDecided(SHORTAGE_TASK);
    if (decided.isPresent() && CANCEL_ORDER.equals(decided.get().text("decision"))) {
      plan.startBefore("TaskReleaseStock", "stock short: ops decided to cancel")
          .put("shortageDecision", CANCEL_ORDER)
          .put("cancelReason", "cancelled for lack of stock");
      return false;
    }
    if (decided.isPresent()) {
      plan.startBefore("GatewayWaitForStock", "stock short: ops decided to wait for stock")
          .put("shortageDecision", decided.get().text("decision"))
          .put("stockReserved", false);
    } else {
      plan.startBefore("TaskReserveStock", "stock short: reserving again");
    }
    return true;
  }

  private static boolean reserved(
      final Plans plan, final Decisions decisions, final Optional<WmsEvent> shipped) {
    if (shipped.isPresent()) {
      recordShipment(plan, shipped.get());
      return true;
    }
    final Optional<TaskDecision> rejection = decisions.latestDecided(WMS_REJECTION_TASK);
    if (rejection.isPresent() && CANCEL_ORDER.equals(rejection.get().text("decision"))) {
      plan.startBefore("TaskReleaseStock", "the WMS refused it: ops decided to cancel")
          .put("wmsRejectionDecision", CANCEL_ORDER)
          .put("cancelReason", "cancelled after the warehouse refused it");
      return false;
    }
    plan.startBefore("TaskSendToWms", "reserved: sending to the WMS (idempotent per order)");
    return true;
  }

  private static void recordShipment(final Plans plan, final WmsEvent shipped) {
    plan.startBefore("TaskRecordShipment", "the WMS reported the shipment " + shipped.eventId())
        .put("carrier", shipped.carrier())
        .put("trackingNumber", shipped.trackingNumber())
        .put("wmsEventId", shipped.eventId());
  }

  private void shippedOrder(final Plans plan, final Order order) {
    final Optional<Shipment> parcel =
        order.shipments().stream().filter(s -> s.kind() == Shipment.Kind.ORIGINAL).findFirst();
    if (parcel.isEmpty()) {
      throw new IllegalStateException("shipped order " + order.orderSn() + " has no parcel");
    }
    plan.put("carrier", parcel.get().carrier())
        .put("trackingNumber", parcel.get().trackingNumber());
    if (parcel.get().uploadedAt() == null) {
      plan.startBefore("TaskUploadTracking", "shipped: uploading the tracking number");
    } else if (order.platformReceivedAt() != null) {
      plan.startBefore("TaskMarkDelivered", "the platform reported the buyer's receipt");
    } else {
      plan.startBefore("GatewayAwaitDelivery", "shipped: waiting for the buyer's receipt")
          .put(
              "autoCompleteAfter",
              Plans.remaining(
                  orders.settings().autoCompleteAfter(),
                  parcel.get().uploadedAt(),
                  clock.instant()));
    }
  }
}
