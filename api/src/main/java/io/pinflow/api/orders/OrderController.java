package io.pinflow.api.orders;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.orders.OrderViews.OrderView;
import io.pinflow.api.orders.OrderViews.TimelineEntry;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.order.NewOrder;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.OrderQuery;
import io.pinflow.domain.order.OrderStatus;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.order.Receiver;
import io.pinflow.domain.timeline.Timeline;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders: intake, queries within the caller's shops, timeline, cancellation before shipment. */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

  private final Orders orders;
  private final Timeline timeline;
  private final Duration cancelWait;

  public OrderController(
      final Orders orders,
      final Timeline timeline,
      @Value("${pinflow.orders.cancel-wait:PT10S}") final Duration cancelWait) {
    this.orders = orders;
    this.timeline = timeline;
    this.cancelWait = cancelWait;
  }

  /** The intake body of the API contract; money in fen, times ISO-8601 with offset. */
  public record OrderRequest(
      String shopId,
      String orderSn,
      OffsetDateTime confirmTime,
      OffsetDateTime lastShipTime,
      List<Item> items,
      Long payAmountFen,
      ReceiverRequest receiver) {

    public record Item(String outerSkuId, Integer quantity, Long priceFen) {}

    public record ReceiverRequest(String nameMask, String phoneMask, String addressMask) {}
  }

  public record CancelRequest(String reason) {}

  @PostMapping
  @Audited(action = "order.create", target = "ORDER")
  public ResponseEntity<OrderView> create(@RequestBody final OrderRequest request) {
    final Actor actor = CurrentActor.get();
    AuditRecord.current().target(request.orderSn(), request.shopId());
    if (request.shopId() != null && !actor.shops().allows(request.shopId())) {
      throw new NotFoundException("shop", request.shopId());
    }
    final var intake =
        orders.intake(
            new NewOrder(
                request.shopId(),
                request.orderSn(),
                request.confirmTime() == null ? null : request.confirmTime().toInstant(),
                request.lastShipTime() == null ? null : request.lastShipTime().toInstant(),
                request.items() == null
                    ? null
                    : request.items().stream()
                        .map(
                            i ->
                                i == null
                                    ? null
                                    : new NewOrder.Item(i.outerSkuId(), i.quantity(), i.priceFen()))
                        .toList(),
                request.payAmountFen(),
                request.receiver() == null
                    ? null
                    : new Receiver(
                        request.receiver().nameMask(),
                        request.receiver().phoneMask(),
                        request.receiver().addressMask()),
                null),
            Order.SOURCE_API,
            actor.name());
    if (!actor.shops().allows(intake.order().shopId())) {
      throw new NotFoundException("order", request.orderSn());
    }
    AuditRecord.current().detail(intake.created() ? "created" : "repeated: unchanged");
    return ResponseEntity.status(intake.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(OrderViews.of(intake.order()));
  }

  @GetMapping
  public Page<OrderView> list(
      @RequestParam(required = false) final String shopId,
      @RequestParam(required = false) final OrderStatus status,
      @RequestParam(required = false) final OffsetDateTime from,
      @RequestParam(required = false) final OffsetDateTime to,
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return orders
        .list(
            new OrderQuery(
                CurrentActor.get().shops(),
                shopId,
                status,
                from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(),
                PageRequest.of(page, size)))
        .map(OrderViews::of);
  }

  @GetMapping("/{orderSn}")
  public OrderView get(@PathVariable final String orderSn) {
    return OrderViews.of(orders.get(CurrentActor.get(), orderSn));
  }

  @GetMapping("/{orderSn}/timeline")
  public List<TimelineEntry> timeline(@PathVariable final String orderSn) {
    orders.get(CurrentActor.get(), orderSn);
    return timeline.ofOrder(orderSn).stream().map(TimelineEntry::of).toList();
  }

  /**
   * Cancels before shipment: waits (up to {@code pinflow.orders.cancel-wait}) for the process to
   * cancel the warehouse's delivery order. 200 cancelled, 409 too late, 202 still under way.
   */
  @PostMapping("/{orderSn}/cancel")
  @Audited(action = "order.cancel", target = "ORDER")
  public ResponseEntity<Map<String, Object>> cancel(
      @PathVariable final String orderSn,
      @RequestBody(required = false) final CancelRequest request)
      throws InterruptedException {
    final Actor actor = CurrentActor.get();
    final Order order = orders.get(actor, orderSn);
    AuditRecord.current().shop(order.shopId());
    final String reason = request == null ? null : request.reason();
    if (reason != null && reason.length() > 500) {
      throw io.pinflow.domain.common.ValidationException.of("reason", "at most 500 characters");
    }
    Orders.CancelState state = orders.requestCancel(orderSn, reason, actor.name());
    final long deadline = System.nanoTime() + cancelWait.toNanos();
    while (state == Orders.CancelState.REQUESTED && System.nanoTime() < deadline) {
      Thread.sleep(100);
      state = orders.cancelState(orderSn);
    }
    AuditRecord.current()
        .detail("outcome " + state + (reason == null ? "" : ", reason: " + reason));
    return switch (state) {
      case CANCELLED -> ResponseEntity.ok(Map.of("orderSn", orderSn, "status", "CANCELLED"));
      case REFUSED_SHIPPED ->
          throw new ConflictException(
              "order-shipped",
              "the warehouse has shipped order " + orderSn + ": too late to cancel");
      case REQUESTED ->
          ResponseEntity.accepted().body(Map.of("orderSn", orderSn, "status", "CANCEL_REQUESTED"));
    };
  }
}
