package io.pinflow.domain.jdbc;

import io.pinflow.domain.common.Page;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.OrderLine;
import io.pinflow.domain.order.OrderQuery;
import io.pinflow.domain.order.OrderRepository;
import io.pinflow.domain.order.OrderStatus;
import io.pinflow.domain.order.Receiver;
import io.pinflow.domain.order.Shipment;
import io.pinflow.domain.order.WmsState;
import io.pinflow.domain.report.ReportFacts.Subject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcOrderRepository implements OrderRepository {

  private static final String COLUMNS =
      "order_sn, shop_id, status, source, confirm_time, last_ship_time, pay_amount_fen,"
          + " goods_amount_fen, receiver_name_mask, receiver_phone_mask, receiver_address_mask,"
          + " risk_hold, ship_hold, group_forming, wms_state, cancel_requested_at, cancel_reason,"
          + " ship_by_at_risk, ship_by_breached, shipped_at, delivered_at, completed_at,"
          + " cancelled_at, platform_received_at, created_at, updated_at, version";
  private static final String FILTER =
      " FROM orders WHERE (:all OR shop_id IN (:shops)) AND (:shop IS NULL OR shop_id = :shop)"
          + " AND (:status IS NULL OR status = :status) AND (:from IS NULL OR confirm_time >= :from)"
          + " AND (:to IS NULL OR confirm_time < :to)";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;

  JdbcOrderRepository(final JdbcClient jdbc, final NamedParameterJdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  @Override
  @Transactional
  public boolean insert(final Order order) {
    try {
      jdbc.sql(
              "INSERT INTO orders (order_sn, shop_id, status, source, confirm_time, last_ship_time,"
                  + " pay_amount_fen, goods_amount_fen, receiver_name_mask, receiver_phone_mask,"
                  + " receiver_address_mask, risk_hold, ship_hold, group_forming, wms_state,"
                  + " created_at, updated_at) VALUES (:sn, :shop, :status, :source, :confirm,"
                  + " :lastShip, :pay, :goods, :name, :phone, :address, :risk, :shipHold, :group,"
                  + " :wms, :now, :now)")
          .param("sn", order.orderSn())
          .param("shop", order.shopId())
          .param("status", order.status().name())
          .param("source", order.source())
          .param("confirm", Sql.timestamp(order.confirmTime()))
          .param("lastShip", Sql.timestamp(order.lastShipTime()))
          .param("pay", order.payAmountFen())
          .param("goods", order.goodsAmountFen())
          .param("name", order.receiver().nameMask())
          .param("phone", order.receiver().phoneMask())
          .param("address", order.receiver().addressMask())
          .param("risk", order.holds().riskReview())
          .param("shipHold", order.holds().shipHold())
          .param("group", order.holds().groupForming())
          .param("wms", order.wmsState().name())
          .param("now", Sql.timestamp(order.createdAt()))
          .update();
    } catch (final DuplicateKeyException exists) {
      return false;
    }
    JdbcReportFacts.recordWrite(
        jdbc, Subject.ORDERS, order.shopId(), order.confirmTime(), order.createdAt());
    final SqlParameterSource[] lines =
        order.lines().stream()
            .map(
                line ->
                    new MapSqlParameterSource()
                        .addValue("sn", order.orderSn())
                        .addValue("no", line.lineNo())
                        .addValue("sku", line.outerSkuId())
                        .addValue("q", line.quantity())
                        .addValue("price", line.priceFen()))
            .toArray(SqlParameterSource[]::new);
    template.batchUpdate(
        "INSERT INTO order_lines (order_sn, line_no, outer_sku_id, quantity, price_fen)"
            + " VALUES (:sn, :no, :sku, :q, :price)",
        lines);
    return true;
  }

  @Override
  public Optional<Order> find(final String orderSn) {
    final Optional<Order> order =
        jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE order_sn = :sn")
            .param("sn", orderSn)
            .query((rs, row) -> map(rs, List.of(), List.of()))
            .optional();
    return order.map(o -> withChildren(o, lines(List.of(orderSn)), shipments(List.of(orderSn))));
  }

  @Override
  public Page<Order> list(final OrderQuery query) {
    if (query.scope().isEmpty()) {
      return new Page<>(List.of(), query.page().page(), query.page().size(), 0);
    }
    final Map<String, Object> params =
        Sql.params(
            "all", query.scope().all(),
            "shops", Sql.inList(query.scope().shops()),
            "shop", query.shopId(),
            "status", query.status() == null ? null : query.status().name(),
            "from", Sql.timestamp(query.from()),
            "to", Sql.timestamp(query.to()));
    final Page<Order> page =
        Sql.page(
            jdbc,
            COLUMNS,
            FILTER,
            "confirm_time DESC, order_sn DESC",
            params,
            query.page(),
            (rs, row) -> map(rs, List.of(), List.of()));
    if (page.items().isEmpty()) {
      return page;
    }
    final List<String> numbers = page.items().stream().map(Order::orderSn).toList();
    final Map<String, List<OrderLine>> lines = lines(numbers);
    final Map<String, List<Shipment>> shipments = shipments(numbers);
    return new Page<>(
        page.items().stream().map(o -> withChildren(o, lines, shipments)).toList(),
        page.page(),
        page.size(),
        page.total());
  }

  private Map<String, List<OrderLine>> lines(final List<String> orderSns) {
    final Map<String, List<OrderLine>> lines = new HashMap<>();
    jdbc.sql(
            "SELECT order_sn, line_no, outer_sku_id, quantity, price_fen FROM order_lines"
                + " WHERE order_sn IN (:sns) ORDER BY order_sn, line_no")
        .param("sns", orderSns)
        .query(
            (rs, row) -> {
              lines
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new OrderLine(rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getLong(5)));
              return null;
            })
        .list();
    return lines;
  }

  private Map<String, List<Shipment>> shipments(final List<String> orderSns) {
    final Map<String, List<Shipment>> shipments = new HashMap<>();
    jdbc.sql(
            "SELECT order_sn, tracking_number, carrier, kind, shipped_at, uploaded_at FROM"
                + " shipments WHERE order_sn IN (:sns) ORDER BY order_sn, shipped_at")
        .param("sns", orderSns)
        .query(
            (rs, row) -> {
              shipments
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(
                      new Shipment(
                          rs.getString(2),
                          rs.getString(3),
                          Shipment.Kind.valueOf(rs.getString(4)),
                          Sql.instant(rs, "shipped_at"),
                          Sql.instant(rs, "uploaded_at")));
              return null;
            })
        .list();
    return shipments;
  }

  private static Order withChildren(
      final Order order,
      final Map<String, List<OrderLine>> lines,
      final Map<String, List<Shipment>> shipments) {
    return new Order(
        order.orderSn(),
        order.shopId(),
        order.status(),
        order.source(),
        order.confirmTime(),
        order.lastShipTime(),
        order.payAmountFen(),
        order.goodsAmountFen(),
        order.receiver(),
        order.holds(),
        order.wmsState(),
        order.cancelRequestedAt(),
        order.cancelReason(),
        order.shipByAtRisk(),
        order.shipByBreached(),
        order.shippedAt(),
        order.deliveredAt(),
        order.completedAt(),
        order.cancelledAt(),
        order.platformReceivedAt(),
        order.createdAt(),
        order.updatedAt(),
        order.version(),
        lines.getOrDefault(order.orderSn(), List.of()),
        shipments.getOrDefault(order.orderSn(), List.of()));
  }

  @Override
  public boolean transition(
      final String orderSn, final Set<OrderStatus> from, final OrderStatus to, final Instant at) {
    final String stamp =
        switch (to) {
          case SHIPPED -> ", shipped_at = COALESCE(shipped_at, :at)";
          case DELIVERED -> ", delivered_at = COALESCE(delivered_at, :at)";
          case COMPLETED -> ", completed_at = COALESCE(completed_at, :at)";
          case CANCELLED -> ", cancelled_at = COALESCE(cancelled_at, :at)";
          default -> "";
        };
    return jdbc.sql(
                "UPDATE orders SET status = :to, updated_at = :at, version = version + 1"
                    + stamp
                    + " WHERE order_sn = :sn AND status IN (:from)")
            .param("to", to.name())
            .param("at", Sql.timestamp(at))
            .param("sn", orderSn)
            .param("from", from.stream().map(Enum::name).toList())
            .update()
        == 1;
  }

  @Override
  public void updateHolds(final String orderSn, final Order.Holds holds, final Instant at) {
    jdbc.sql(
            "UPDATE orders SET risk_hold = :risk, ship_hold = :ship, group_forming = :group,"
                + " updated_at = :at, version = version + 1 WHERE order_sn = :sn")
        .param("risk", holds.riskReview())
        .param("ship", holds.shipHold())
        .param("group", holds.groupForming())
        .param("at", Sql.timestamp(at))
        .param("sn", orderSn)
        .update();
  }

  @Override
  public boolean moveWmsState(
      final String orderSn, final WmsState from, final WmsState to, final Instant at) {
    return jdbc.sql(
                "UPDATE orders SET wms_state = :to, updated_at = :at, version = version + 1"
                    + " WHERE order_sn = :sn AND wms_state = :from")
            .param("to", to.name())
            .param("at", Sql.timestamp(at))
            .param("sn", orderSn)
            .param("from", from.name())
            .update()
        == 1;
  }

  @Override
  public boolean requestCancel(final String orderSn, final String reason, final Instant at) {
    return jdbc.sql(
                "UPDATE orders SET cancel_requested_at = :at, cancel_reason = :reason, updated_at ="
                    + " :at, version = version + 1 WHERE order_sn = :sn AND cancel_requested_at IS"
                    + " NULL AND status IN ('RECEIVED', 'RESERVED', 'AWAITING_STOCK',"
                    + " 'SENT_TO_WMS')")
            .param("at", Sql.timestamp(at))
            .param("reason", reason)
            .param("sn", orderSn)
            .update()
        == 1;
  }

  @Override
  public void clearCancelRequest(final String orderSn, final Instant at) {
    jdbc.sql(
            "UPDATE orders SET cancel_requested_at = NULL, updated_at = :at, version = version + 1"
                + " WHERE order_sn = :sn AND cancel_requested_at IS NOT NULL")
        .param("at", Sql.timestamp(at))
        .param("sn", orderSn)
        .update();
  }

  @Override
  public boolean addShipment(final String orderSn, final Shipment shipment) {
    try {
      jdbc.sql(
              "INSERT INTO shipments (order_sn, tracking_number, carrier, kind, shipped_at,"
                  + " uploaded_at) VALUES (:sn, :tracking, :carrier, :kind, :shipped, :uploaded)")
          .param("sn", orderSn)
          .param("tracking", shipment.trackingNumber())
          .param("carrier", shipment.carrier())
          .param("kind", shipment.kind().name())
          .param("shipped", Sql.timestamp(shipment.shippedAt()))
          .param("uploaded", Sql.timestamp(shipment.uploadedAt()))
          .update();
      return true;
    } catch (final DuplicateKeyException known) {
      return false;
    }
  }

  @Override
  public void markUploaded(final String orderSn, final String trackingNumber, final Instant at) {
    jdbc.sql(
            "UPDATE shipments SET uploaded_at = COALESCE(uploaded_at, :at) WHERE order_sn = :sn"
                + " AND tracking_number = :tracking")
        .param("at", Sql.timestamp(at))
        .param("sn", orderSn)
        .param("tracking", trackingNumber)
        .update();
  }

  @Override
  public boolean flagShipByAtRisk(final String orderSn, final Instant at) {
    return flag(orderSn, "ship_by_at_risk", at);
  }

  @Override
  public boolean flagShipByBreached(final String orderSn, final Instant at) {
    return flag(orderSn, "ship_by_breached", at);
  }

  private boolean flag(final String orderSn, final String column, final Instant at) {
    return jdbc.sql(
                "UPDATE orders SET "
                    + column
                    + " = TRUE, updated_at = :at, version = version + 1 WHERE order_sn = :sn AND"
                    + " NOT "
                    + column)
            .param("at", Sql.timestamp(at))
            .param("sn", orderSn)
            .update()
        == 1;
  }

  @Override
  public boolean markPlatformReceived(final String orderSn, final Instant at) {
    return jdbc.sql(
                "UPDATE orders SET platform_received_at = :at WHERE order_sn = :sn"
                    + " AND platform_received_at IS NULL")
            .param("at", Sql.timestamp(at))
            .param("sn", orderSn)
            .update()
        == 1;
  }

  @Override
  public List<String> unfinished() {
    return jdbc.sql(
            "SELECT order_sn FROM orders WHERE status NOT IN ('COMPLETED', 'CANCELLED')"
                + " AND source <> 'SAMPLE' ORDER BY created_at, order_sn")
        .query(String.class)
        .list();
  }

  @Override
  public List<String> awaitingStockWith(final Collection<String> outerSkuIds) {
    if (outerSkuIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT DISTINCT o.order_sn FROM orders o JOIN order_lines l ON l.order_sn ="
                + " o.order_sn WHERE o.status = 'AWAITING_STOCK' AND l.outer_sku_id IN (:skus)"
                + " ORDER BY o.order_sn")
        .param("skus", outerSkuIds)
        .query(String.class)
        .list();
  }

  private static Order map(
      final ResultSet rs, final List<OrderLine> lines, final List<Shipment> shipments)
      throws SQLException {
    return new Order(
        rs.getString("order_sn"),
        rs.getString("shop_id"),
        OrderStatus.valueOf(rs.getString("status")),
        rs.getString("source"),
        Sql.instant(rs, "confirm_time"),
        Sql.instant(rs, "last_ship_time"),
        rs.getLong("pay_amount_fen"),
        rs.getLong("goods_amount_fen"),
        new Receiver(
            rs.getString("receiver_name_mask"),
            rs.getString("receiver_phone_mask"),
            rs.getString("receiver_address_mask")),
        new Order.Holds(
            rs.getBoolean("risk_hold"), rs.getBoolean("ship_hold"), rs.getBoolean("group_forming")),
        WmsState.valueOf(rs.getString("wms_state")),
        Sql.instant(rs, "cancel_requested_at"),
        rs.getString("cancel_reason"),
        rs.getBoolean("ship_by_at_risk"),
        rs.getBoolean("ship_by_breached"),
        Sql.instant(rs, "shipped_at"),
        Sql.instant(rs, "delivered_at"),
        Sql.instant(rs, "completed_at"),
        Sql.instant(rs, "cancelled_at"),
        Sql.instant(rs, "platform_received_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        rs.getInt("version"),
        lines,
        shipments);
  }
}
