package io.pinflow.domain.warehouse;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.OrderRepository;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.domain.timeline.Timeline;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Takes the WMS's events in: checked, stored once per event id, and passed to the waiting process
 * as a message whose id is the event id. The same event delivered twice has one effect.
 */
public class WarehouseEvents {

  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final Set<String> TYPES =
      Set.of(WmsEvent.SHIPPED, WmsEvent.RETURN_RECEIVED, WmsEvent.OUTBOUND_CANCELLED);
  private static final Set<String> INSPECTIONS = Set.of("OK", "DAMAGED");

  private final WmsEventRepository events;
  private final OrderRepository orders;
  private final Outbox outbox;
  private final Timeline timeline;
  private final Duration messageTimeToLive;
  private final Clock clock;

  public WarehouseEvents(
      final WmsEventRepository events,
      final OrderRepository orders,
      final Outbox outbox,
      final Timeline timeline,
      final Duration messageTimeToLive,
      final Clock clock) {
    this.events = events;
    this.orders = orders;
    this.outbox = outbox;
    this.timeline = timeline;
    this.messageTimeToLive = messageTimeToLive;
    this.clock = clock;
  }

  /** The outcome of one delivery of an event. */
  public enum Receipt {
    ACCEPTED,
    DUPLICATE
  }

  @Transactional
  public Receipt receive(final Actor actor, final WmsEvent event, final String payload) {
    validate(event);
    final Order order =
        orders
            .find(event.orderSn())
            .filter(o -> actor.shops().allows(o.shopId()))
            .orElseThrow(() -> new NotFoundException("order", event.orderSn()));
    if (!events.insertIfAbsent(event, payload, clock.instant())) {
      return Receipt.DUPLICATE;
    }
    timeline.order(order.orderSn(), "WMS_" + event.type(), describe(event), "wms");
    final Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("wmsEventId", event.eventId());
    final String name;
    final String correlationKey;
    switch (event.type()) {
      case WmsEvent.SHIPPED -> {
        // a replacement parcel (exchange, resend) carries its after-sales case
        final boolean replacement = event.afterSalesId() != null;
        name = replacement ? MessageNames.WMS_REPLACEMENT_SHIPPED : MessageNames.WMS_SHIPPED;
        correlationKey = replacement ? event.afterSalesId() : event.orderSn();
        variables.put("carrier", event.carrier());
        variables.put("trackingNumber", event.trackingNumber());
      }
      case WmsEvent.RETURN_RECEIVED -> {
        name = MessageNames.WMS_RETURN_RECEIVED;
        correlationKey = event.afterSalesId();
        variables.put("inspection", event.inspection());
      }
      default -> {
        name = MessageNames.WMS_OUTBOUND_CANCELLED;
        correlationKey = event.orderSn();
      }
    }
    outbox.add(
        new OutboxMessage(name, correlationKey, event.eventId(), variables, messageTimeToLive));
    return Receipt.ACCEPTED;
  }

  /** What the WMS reported about an order and its after-sales cases, in the order it came. */
  public List<WmsEvent> ofOrder(final String orderSn) {
    return events.ofOrder(orderSn);
  }

  private static void validate(final WmsEvent event) {
    final List<FieldError> errors = new ArrayList<>();
    if (event.eventId() == null || !EVENT_ID.matcher(event.eventId()).matches()) {
      errors.add(new FieldError("eventId", "1-100 letters, digits or ._:-"));
    }
    if (event.type() == null || !TYPES.contains(event.type())) {
      errors.add(new FieldError("type", "one of " + TYPES));
    }
    if (event.orderSn() == null || !Orders.ORDER_SN.matcher(event.orderSn()).matches()) {
      errors.add(new FieldError("orderSn", "a PDD order number"));
    }
    if (WmsEvent.SHIPPED.equals(event.type())) {
      if (blank(event.carrier()) || event.carrier().length() > 64) {
        errors.add(new FieldError("carrier", "required for SHIPPED, at most 64 characters"));
      }
      if (blank(event.trackingNumber()) || !event.trackingNumber().matches("[A-Za-z0-9-]{4,64}")) {
        errors.add(
            new FieldError("trackingNumber", "required for SHIPPED, 4-64 letters or digits"));
      }
    }
    if (WmsEvent.RETURN_RECEIVED.equals(event.type())) {
      if (blank(event.afterSalesId()) || event.afterSalesId().length() > 64) {
        errors.add(new FieldError("afterSalesId", "required for RETURN_RECEIVED"));
      }
      if (event.inspection() == null || !INSPECTIONS.contains(event.inspection())) {
        errors.add(new FieldError("inspection", "OK or DAMAGED for RETURN_RECEIVED"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static boolean blank(final String value) {
    return value == null || value.isBlank();
  }

  private static String describe(final WmsEvent event) {
    return switch (event.type()) {
      case WmsEvent.SHIPPED ->
          event.carrier() + " " + event.trackingNumber() + " (event " + event.eventId() + ")";
      case WmsEvent.RETURN_RECEIVED ->
          "return of "
              + event.afterSalesId()
              + ", inspection "
              + event.inspection()
              + " (event "
              + event.eventId()
              + ")";
      default -> "delivery order cancelled (event " + event.eventId() + ")";
    };
  }
}
