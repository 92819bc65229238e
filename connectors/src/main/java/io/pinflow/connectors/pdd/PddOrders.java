package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.order.NewOrder;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.Receiver;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PDD's order objects: field names and codes as the platform sends them, money as yuan
 * strings, times as Beijing local time.
 */
public final class PddOrders {

  public static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");
  public static final DateTimeFormatter PLATFORM_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** order_status: 1 awaiting shipment, 2 shipped, 3 received. */
  static final int AWAITING_SHIPMENT = 1;

  static final int RECEIVED = 3;

  private PddOrders() {}

  /** What the platform says about an order's state, beyond its contents. */
  public record PlatformState(
      Order.Holds holds, boolean cancelled, boolean received, boolean awaitingShipment) {}

  public static PlatformState state(final JsonNode order) {
    final int orderStatus = order.path("order_status").asInt(AWAITING_SHIPMENT);
    final boolean groupFailed = order.path("group_status").asInt(1) == 2;
    final boolean cancelled =
        order.path("confirm_status").asInt(1) == 2
            || order.path("refund_status").asInt(1) == 4
            || groupFailed;
    return new PlatformState(
        new Order.Holds(
            order.path("risk_control_status").asInt(0) == 1,
            hasTag(order, "ship_hold"),
            order.path("group_status").asInt(1) == 0),
        cancelled,
        orderStatus == RECEIVED,
        orderStatus == AWAITING_SHIPMENT);
  }

  private static boolean hasTag(final JsonNode order, final String tag) {
    for (final JsonNode entry : order.path("order_tag_list")) {
      if (tag.equals(entry.path("name").asText()) && entry.path("value").asInt(0) == 1) {
        return true;
      }
    }
    return false;
  }

  public static NewOrder toNewOrder(final String shopId, final JsonNode order) {
    final List<NewOrder.Item> items = new ArrayList<>();
    for (final JsonNode item : order.path("item_list")) {
      items.add(
          new NewOrder.Item(
              text(item, "outer_id"),
              item.path("goods_count").isMissingNode() ? null : item.path("goods_count").asInt(),
              fen(item, "goods_price", "item_list.goods_price")));
    }
    return new NewOrder(
        shopId,
        text(order, "order_sn"),
        time(order, "confirm_time"),
        time(order, "last_ship_time"),
        items,
        fen(order, "pay_amount", "pay_amount"),
        new Receiver(
            text(order, "receiver_name_mask"),
            text(order, "receiver_phone_mask"),
            text(order, "address_mask")),
        state(order).holds());
  }

  public static Instant time(final JsonNode node, final String field) {
    final String value = text(node, field);
    if (value == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(value, PLATFORM_TIME).atZone(PLATFORM_ZONE).toInstant();
    } catch (final DateTimeParseException e) {
      throw ValidationException.of(field, "not a PDD time (yyyy-MM-dd HH:mm:ss): " + value);
    }
  }

  public static String format(final Instant instant) {
    return PLATFORM_TIME.format(instant.atZone(PLATFORM_ZONE));
  }

  /** Yuan as PDD writes it ("49.90") in fen. */
  public static Long fen(final JsonNode node, final String field, final String name) {
    final String value = text(node, field);
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value).movePointRight(2).longValueExact();
    } catch (final NumberFormatException | ArithmeticException e) {
      throw ValidationException.of(name, "not an amount in yuan with at most 2 decimals: " + value);
    }
  }

  private static String text(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
