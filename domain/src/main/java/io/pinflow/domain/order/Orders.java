package io.pinflow.domain.order;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.catalog.SkuRepository;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.stock.Reservation;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import io.pinflow.domain.stock.StockOwner;
import io.pinflow.domain.stock.StockPools;
import io.pinflow.domain.timeline.Timeline;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The order's life in Pinflow: intake (idempotent per order number), the steps the order-to-ship
 * process takes, cancellation, and queries within the caller's shops. Every step lands on the
 * order's timeline.
 */
public class Orders {

  /** PDD order numbers: {@code YYMMDD-} and 15 digits. */
  public static final Pattern ORDER_SN = Pattern.compile("\\d{6}-\\d{15}");

  private static final int MAX_LINES = 100;
  private static final int MAX_QUANTITY = 9_999;
  private static final long MAX_PRICE_FEN = 100_000_000_00L;
  private static final Pattern MASKED = Pattern.compile(".*\\*.*");
  private static final Duration CANCEL_OUTCOME_TTL = Duration.ofMinutes(10);

  private final OrderRepository orders;
  private final SkuRepository skus;
  private final ShopRepository shops;
  private final StockLedger stock;
  private final StockPools pools;
  private final Timeline timeline;
  private final Outbox outbox;
  private final OrderSettings settings;
  private final Clock clock;

  public Orders(
      final OrderRepository orders,
      final SkuRepository skus,
      final ShopRepository shops,
      final StockLedger stock,
      final StockPools pools,
      final Timeline timeline,
      final Outbox outbox,
      final OrderSettings settings,
      final Clock clock) {
    this.orders = orders;
    this.skus = skus;
    this.shops = shops;
    this.stock = stock;
    this.pools = pools;
    this.timeline = timeline;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  public OrderSettings settings() {
    return settings;
  }

  /** How long orders wait and warn; from configuration. */
  public record OrderSettings(
      Duration defaultShipWindow,
      Duration shipByWarningLead,
      Duration autoCompleteAfter,
      Duration messageTimeToLive) {}

  public record Intake(Order order, boolean created) {}

  // ---- intake

  /**
   * Takes an order in: validated, stored with its lines, and its process started through the
   * outbox. The same order number again (from the API or the platform sync) returns the stored
   * order and starts nothing.
   */
  @Transactional
  public Intake intake(final NewOrder request, final String source, final String actor) {
    final var existing =
        request.orderSn() == null ? null : orders.find(request.orderSn()).orElse(null);
    if (existing != null) {
      return repeated(existing, request.shopId());
    }
    final Order order = validate(request, source);
    if (!orders.insert(order)) {
      return repeated(orders.find(order.orderSn()).orElseThrow(), request.shopId());
    }
    timeline.order(
        order.orderSn(),
        "ORDER_RECEIVED",
        "from "
            + source
            + ", "
            + order.lines().size()
            + " line(s), paid "
            + order.payAmountFen()
            + " fen, ship by "
            + order.lastShipTime()
            + (order.holds().any() ? ", on hold: " + order.holds().describe() : ""),
        actor);
    outbox.add(
        new OutboxMessage(
            MessageNames.ORDER_RECEIVED,
            order.orderSn(),
            MessageNames.ORDER_RECEIVED + ":" + order.orderSn(),
            processVariables(order),
            settings.messageTimeToLive()));
    return new Intake(order, true);
  }

  private static Intake repeated(final Order existing, final String shopId) {
    if (shopId != null && !existing.shopId().equals(shopId)) {
      throw new ConflictException(
          "order-other-shop", "order " + existing.orderSn() + " exists already, in another shop");
    }
    return new Intake(existing, false);
  }

  /** What the order-to-ship process starts with. */
  public Map<String, Object> processVariables(final Order order) {
    final Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("orderSn", order.orderSn());
    variables.put("businessKey", order.orderSn());
    variables.put("shopId", order.shopId());
    variables.put("lastShipTime", order.lastShipTime().toString());
    variables.put(
        "shipByWarningAt", order.lastShipTime().minus(settings.shipByWarningLead()).toString());
    variables.put("autoCompleteAfter", settings.autoCompleteAfter().toString());
    return variables;
  }

  private Order validate(final NewOrder request, final String source) {
    final List<FieldError> errors = new ArrayList<>();
    if (request.shopId() == null || request.shopId().isBlank()) {
      errors.add(new FieldError("shopId", "required"));
    } else if (shops.find(request.shopId()).isEmpty()) {
      errors.add(new FieldError("shopId", "unknown shop"));
    }
    if (request.orderSn() == null || !ORDER_SN.matcher(request.orderSn()).matches()) {
      errors.add(new FieldError("orderSn", "a PDD order number: YYMMDD- and 15 digits"));
    }
    if (request.confirmTime() == null) {
      errors.add(new FieldError("confirmTime", "required, ISO-8601 with offset"));
    }
    final Instant lastShipTime =
        request.lastShipTime() != null
            ? request.lastShipTime()
            : request.confirmTime() == null
                ? null
                : request.confirmTime().plus(settings.defaultShipWindow());
    if (request.confirmTime() != null
        && lastShipTime != null
        && lastShipTime.isBefore(request.confirmTime())) {
      errors.add(new FieldError("lastShipTime", "must not be before confirmTime"));
    }
    final List<OrderLine> lines = lines(request.items(), errors);
    final long goodsAmount = lines.stream().mapToLong(OrderLine::amountFen).sum();
    if (request.payAmountFen() == null || request.payAmountFen() < 0) {
      errors.add(new FieldError("payAmountFen", "required, 0 or more"));
    } else if (request.payAmountFen() > MAX_PRICE_FEN * MAX_LINES) {
      errors.add(new FieldError("payAmountFen", "implausibly large"));
    }
    final Receiver receiver = request.receiver();
    if (receiver != null) {
      checkMasked("receiver.nameMask", receiver.nameMask(), errors);
      checkMasked("receiver.phoneMask", receiver.phoneMask(), errors);
      checkMasked("receiver.addressMask", receiver.addressMask(), errors);
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    final Instant now = clock.instant();
    return new Order(
        request.orderSn(),
        request.shopId(),
        OrderStatus.RECEIVED,
        source,
        request.confirmTime(),
        lastShipTime,
        request.payAmountFen(),
        goodsAmount,
        receiver == null ? new Receiver(null, null, null) : receiver,
        request.holds() == null ? Order.Holds.NONE : request.holds(),
        WmsState.NONE,
        null,
        null,
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        now,
        now,
        0,
        lines,
        List.of());
  }

  private List<OrderLine> lines(final List<NewOrder.Item> items, final List<FieldError> errors) {
    if (items == null || items.isEmpty()) {
      errors.add(new FieldError("items", "at least one item"));
      return List.of();
    }
    if (items.size() > MAX_LINES) {
      errors.add(new FieldError("items", "at most " + MAX_LINES + " items"));
      return List.of();
    }
    final Set<String> known =
        skus.existing(
            items.stream()
                .map(NewOrder.Item::outerSkuId)
                .filter(id -> id != null && !id.isBlank() && id.length() <= 64)
                .toList());
    final List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      final NewOrder.Item item = items.get(i);
      final String path = "items[" + i + "]";
      if (item == null) {
        errors.add(new FieldError(path, "required"));
        continue;
      }
      if (item.outerSkuId() == null || item.outerSkuId().isBlank()) {
        errors.add(new FieldError(path + ".outerSkuId", "required"));
      } else if (!known.contains(item.outerSkuId())) {
        errors.add(new FieldError(path + ".outerSkuId", "unknown SKU"));
      }
      if (item.quantity() == null || item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
        errors.add(new FieldError(path + ".quantity", "between 1 and " + MAX_QUANTITY));
      }
      if (item.priceFen() == null || item.priceFen() < 0 || item.priceFen() > MAX_PRICE_FEN) {
        errors.add(new FieldError(path + ".priceFen", "between 0 and " + MAX_PRICE_FEN));
      }
      if (item.outerSkuId() != null && item.quantity() != null && item.priceFen() != null) {
        lines.add(new OrderLine(i + 1, item.outerSkuId(), item.quantity(), item.priceFen()));
      }
    }
    final Map<String, Long> perSku =
        lines.stream().collect(Collectors.groupingBy(OrderLine::outerSkuId, Collectors.counting()));
    perSku.forEach(
        (sku, count) -> {
          if (count > 1) {
            errors.add(new FieldError("items", "SKU " + sku + " appears more than once"));
          }
        });
    return lines;
  }

  private static void checkMasked(
      final String field, final String value, final List<FieldError> errors) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (value.length() > 300) {
      errors.add(new FieldError(field, "at most 300 characters"));
    } else if (!MASKED.matcher(value).matches()) {
      errors.add(new FieldError(field, "must be masked (as PDD sends it, e.g. 138****0000)"));
    }
  }

  // ---- queries

  public Order get(final Actor actor, final String orderSn) {
    return orders
        .find(orderSn)
        .filter(order -> actor.shops().allows(order.shopId()))
        .orElseThrow(() -> new NotFoundException("order", orderSn));
  }

  public Page<Order> list(final OrderQuery query) {
    return orders.list(query);
  }

  /** Order numbers of the orders not completed or cancelled yet (sample history aside). */
  public List<String> unfinished() {
    return orders.unfinished();
  }

  public Order find(final String orderSn) {
    return orders.find(orderSn).orElseThrow(() -> new NotFoundException("order", orderSn));
  }

  // ---- platform changes (sync)

  /**
   * Applies what the platform reports about an order Pinflow has: holds lifted (the process moves
   * on), a cancellation before shipment, the buyer's receipt.
   */
  @Transactional
  public void applyPlatformState(
      final String orderSn,
      final Order.Holds holds,
      final boolean cancelled,
      final boolean received) {
    final Order order = find(orderSn);
    if (!order.holds().equals(holds)) {
      orders.updateHolds(orderSn, holds, clock.instant());
      if (order.holds().any() && !holds.any()) {
        timeline.order(
            orderSn, "HOLD_RELEASED", "platform released: " + order.holds().describe(), "pdd");
        publish(MessageNames.ORDER_RELEASED, orderSn, "released:" + holds, Map.of());
      } else if (holds.any()) {
        timeline.order(orderSn, "HOLD_CHANGED", "on hold: " + holds.describe(), "pdd");
      }
    }
    if (cancelled && order.status().isBeforeShipment() && !order.isCancelRequested()) {
      requestCancel(orderSn, "cancelled on PDD", "pdd");
    }
    if (received) {
      // kept: the process's delivery message is derived from it after a restart
      orders.markPlatformReceived(orderSn, clock.instant());
    }
    if (received && (order.status() == OrderStatus.SHIPPED)) {
      publish(MessageNames.ORDER_DELIVERED, orderSn, "delivered", Map.of());
    }
  }

  // ---- steps of the order-to-ship process

  /** The holds the order is under now; empty when it may ship. */
  public Order.Holds holds(final String orderSn) {
    return find(orderSn).holds();
  }

  /**
   * Reserves the order's stock, all lines or none. A shortage moves the order to AWAITING_STOCK and
   * names the missing SKUs.
   */
  public Reservation reserveStock(final String orderSn) {
    final Order order = find(orderSn);
    final List<StockDemand> demands =
        order.lines().stream().map(l -> new StockDemand(l.outerSkuId(), l.quantity())).toList();
    // units of a SKU in an active campaign of the shop come out of the campaign's stock
    final Reservation reservation =
        stock.reserve(
            StockOwner.order(orderSn),
            demands,
            pools.pools(order.shopId(), demands.stream().map(StockDemand::outerSkuId).toList()));
    final Instant now = clock.instant();
    switch (reservation) {
      case Reservation.Reserved reserved -> {
        if (orders.transition(
            orderSn,
            EnumSet.of(OrderStatus.RECEIVED, OrderStatus.AWAITING_STOCK),
            OrderStatus.RESERVED,
            now)) {
          timeline.order(orderSn, "STOCK_RESERVED", describe(demands), Timeline.SYSTEM);
        }
      }
      case Reservation.Short shortage -> {
        if (orders.transition(
            orderSn, EnumSet.of(OrderStatus.RECEIVED), OrderStatus.AWAITING_STOCK, now)) {
          timeline.order(orderSn, "STOCK_SHORTAGE", describeShortage(shortage), Timeline.SYSTEM);
        }
      }
      case Reservation.Closed closed -> {
        // released (cancelled) or consumed (shipped) before: nothing to do
      }
    }
    return reservation;
  }

  /** What the warehouse needs to ship the order, or empty when it must not be sent. */
  public record WmsDelivery(Order order, boolean send) {}

  /**
   * Marks the delivery order as being sent, unless a cancellation was requested. Returns the order;
   * {@code send} is false when it must not go to the warehouse.
   */
  @Transactional
  public WmsDelivery beginWmsDelivery(final String orderSn) {
    final Order order = find(orderSn);
    if (order.isCancelRequested() || order.status() == OrderStatus.CANCELLED) {
      return new WmsDelivery(order, false);
    }
    if (order.wmsState() == WmsState.NONE) {
      orders.moveWmsState(orderSn, WmsState.NONE, WmsState.SUBMITTING, clock.instant());
    }
    return new WmsDelivery(order, order.wmsState() != WmsState.CANCELLED);
  }

  @Transactional
  public void wmsDeliveryAccepted(final String orderSn, final String wmsOrderId) {
    final Instant now = clock.instant();
    orders.moveWmsState(orderSn, WmsState.SUBMITTING, WmsState.SUBMITTED, now);
    if (orders.transition(
        orderSn, EnumSet.of(OrderStatus.RESERVED), OrderStatus.SENT_TO_WMS, now)) {
      timeline.order(orderSn, "SENT_TO_WMS", "delivery order " + wmsOrderId, Timeline.SYSTEM);
    }
  }

  /** The warehouse refused the delivery order; it is no longer being sent. */
  @Transactional
  public void wmsDeliveryRejected(final String orderSn, final String reason) {
    orders.moveWmsState(orderSn, WmsState.SUBMITTING, WmsState.NONE, clock.instant());
    timeline.order(orderSn, "WMS_REJECTED", reason, "wms");
  }

  /** The warehouse shipped the order: status SHIPPED, the parcel recorded, the stock used. */
  @Transactional
  public boolean recordShipment(
      final String orderSn,
      final String carrier,
      final String trackingNumber,
      final String eventId) {
    final Instant now = clock.instant();
    final boolean added =
        orders.addShipment(
            orderSn, new Shipment(trackingNumber, carrier, Shipment.Kind.ORIGINAL, now, null));
    if (orders.transition(
        orderSn,
        EnumSet.of(OrderStatus.SENT_TO_WMS, OrderStatus.RESERVED),
        OrderStatus.SHIPPED,
        now)) {
      stock.consume(StockOwner.order(orderSn));
      orders.clearCancelRequest(orderSn, now);
      timeline.order(
          orderSn, "SHIPPED", carrier + " " + trackingNumber + ", stock used", Timeline.SYSTEM);
    }
    return added;
  }

  public void trackingUploaded(
      final String orderSn, final String trackingNumber, final String detail) {
    orders.markUploaded(orderSn, trackingNumber, clock.instant());
    timeline.order(orderSn, "TRACKING_UPLOADED", detail, Timeline.SYSTEM);
  }

  @Transactional
  public void markDelivered(final String orderSn) {
    if (orders.transition(
        orderSn, EnumSet.of(OrderStatus.SHIPPED), OrderStatus.DELIVERED, clock.instant())) {
      timeline.order(orderSn, "DELIVERED", "the buyer received the parcel", "pdd");
    }
  }

  /** Completes the order; without a delivery report it completes automatically. */
  @Transactional
  public void complete(final String orderSn) {
    final boolean automatically = find(orderSn).status() == OrderStatus.SHIPPED;
    if (orders.transition(
        orderSn,
        EnumSet.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED),
        OrderStatus.COMPLETED,
        clock.instant())) {
      timeline.order(
          orderSn,
          "COMPLETED",
          automatically
              ? "completed automatically after " + settings.autoCompleteAfter()
              : "completed",
          Timeline.SYSTEM);
    }
  }

  // ---- ship-by clock

  public void flagShipByAtRisk(final String orderSn) {
    if (orders.flagShipByAtRisk(orderSn, clock.instant())) {
      timeline.order(
          orderSn,
          "SHIP_BY_AT_RISK",
          "not shipped " + settings.shipByWarningLead() + " before the ship-by time",
          Timeline.SYSTEM);
    }
  }

  public void recordShipByBreach(final String orderSn) {
    if (orders.flagShipByBreached(orderSn, clock.instant())) {
      timeline.order(
          orderSn,
          "SHIP_BY_BREACHED",
          "not shipped by " + find(orderSn).lastShipTime(),
          Timeline.SYSTEM);
    }
  }

  // ---- cancellation

  /** The state of a cancellation request, as the API reports it. */
  public enum CancelState {
    CANCELLED,
    REQUESTED,
    REFUSED_SHIPPED
  }

  /**
   * Asks the order's process to cancel: allowed before shipment only. The process cancels the
   * warehouse's delivery order; if the warehouse has shipped already, the cancellation is refused
   * and the order continues.
   */
  @Transactional
  public CancelState requestCancel(final String orderSn, final String reason, final String actor) {
    final Order order = find(orderSn);
    if (order.status() == OrderStatus.CANCELLED) {
      return CancelState.CANCELLED;
    }
    if (!order.status().isBeforeShipment()) {
      throw new ConflictException(
          "order-shipped", "order " + orderSn + " is " + order.status() + ": too late to cancel");
    }
    final String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
    if (orders.requestCancel(orderSn, why, clock.instant())) {
      timeline.order(orderSn, "CANCEL_REQUESTED", why, actor);
      publish(
          MessageNames.ORDER_CANCEL_REQUESTED,
          orderSn,
          "cancel:" + clock.instant().toEpochMilli(),
          Map.of("cancelReason", why, "cancelRequestedBy", actor));
    }
    return CancelState.REQUESTED;
  }

  /** Whether a cancellation of this order is settled: cancelled, refused, or still open. */
  public CancelState cancelState(final String orderSn) {
    final Order order = find(orderSn);
    if (order.status() == OrderStatus.CANCELLED) {
      return CancelState.CANCELLED;
    }
    return order.isCancelRequested() ? CancelState.REQUESTED : CancelState.REFUSED_SHIPPED;
  }

  /** The warehouse side of a cancellation may start: no delivery order is being sent right now. */
  public static final class DeliveryInFlightException extends RuntimeException {
    public DeliveryInFlightException(final String orderSn) {
      super(
          "the delivery order of "
              + orderSn
              + " is being sent; cancel after the warehouse answered");
    }
  }

  /** Whether a delivery order exists at the warehouse that must be cancelled. */
  public boolean beginWmsCancel(final String orderSn) {
    final Order order = find(orderSn);
    if (order.wmsState() == WmsState.SUBMITTING) {
      throw new DeliveryInFlightException(orderSn);
    }
    return order.wmsState() == WmsState.SUBMITTED;
  }

  @Transactional
  public void wmsCancelled(final String orderSn) {
    orders.moveWmsState(orderSn, WmsState.SUBMITTED, WmsState.CANCELLED, clock.instant());
    timeline.order(
        orderSn, "WMS_ORDER_CANCELLED", "delivery order cancelled at the warehouse", "wms");
  }

  @Transactional
  public void cancelRefused(final String orderSn, final String reason) {
    orders.clearCancelRequest(orderSn, clock.instant());
    timeline.order(orderSn, "CANCEL_REFUSED", reason, "wms");
    cancelOutcome(orderSn, "REFUSED");
  }

  /**
   * Tells whoever waits for this order's cancellation (an after-sales case) how it ended. Short
   * time to live: an answer nobody waited for must not answer a later question.
   */
  private void cancelOutcome(final String orderSn, final String outcome) {
    outbox.add(
        new OutboxMessage(
            MessageNames.ORDER_CANCEL_OUTCOME,
            orderSn,
            MessageNames.ORDER_CANCEL_OUTCOME
                + ":"
                + orderSn
                + ":"
                + clock.instant().toEpochMilli(),
            Map.of("cancelOutcome", outcome),
            CANCEL_OUTCOME_TTL));
  }

  @Transactional
  public void releaseStock(final String orderSn) {
    stock.release(StockOwner.order(orderSn));
  }

  @Transactional
  public void markCancelled(final String orderSn, final String reason) {
    if (orders.transition(
        orderSn, OrderStatus.BEFORE_SHIPMENT, OrderStatus.CANCELLED, clock.instant())) {
      timeline.order(orderSn, "CANCELLED", reason, Timeline.SYSTEM);
      cancelOutcome(orderSn, "CANCELLED");
    }
  }

  private void publish(
      final String name,
      final String orderSn,
      final String idSuffix,
      final Map<String, Object> variables) {
    outbox.add(
        new OutboxMessage(
            name,
            orderSn,
            name + ":" + orderSn + ":" + idSuffix,
            variables,
            settings.messageTimeToLive()));
  }

  private static String describe(final List<StockDemand> demands) {
    return demands.stream()
        .map(d -> d.quantity() + " x " + d.outerSkuId())
        .collect(Collectors.joining(", "));
  }

  private static String describeShortage(final Reservation.Short shortage) {
    return "short of "
        + shortage.shortages().stream()
            .map(
                s ->
                    s.outerSkuId()
                        + " (need "
                        + s.requested()
                        + ", available "
                        + s.available()
                        + ")")
            .collect(Collectors.joining(", "));
  }
}
