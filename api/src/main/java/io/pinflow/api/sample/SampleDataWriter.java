package io.pinflow.api.sample;

import io.pinflow.api.sample.SampleBatch.AfterSalesRow;
import io.pinflow.api.sample.SampleBatch.LineRow;
import io.pinflow.api.sample.SampleBatch.OrderRow;
import io.pinflow.api.sample.SampleBatch.ShipmentRow;
import io.pinflow.api.sample.SampleCatalog.Sku;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes generated rows straight into the tables with multi-row {@code INSERT ... VALUES (...),
 * (...)} statements of up to {@value #ROWS_PER_STATEMENT} rows. The caller owns the connection and
 * its transaction.
 */
final class SampleDataWriter {

  static final int ROWS_PER_STATEMENT = 1_000;

  private static final String ORDERS =
      "INSERT INTO orders (order_sn, shop_id, status, source, confirm_time, last_ship_time,"
          + " pay_amount_fen, goods_amount_fen, receiver_name_mask, receiver_phone_mask,"
          + " receiver_address_mask, risk_hold, ship_hold, group_forming, wms_state,"
          + " cancel_requested_at, cancel_reason, ship_by_at_risk, ship_by_breached, shipped_at,"
          + " delivered_at, completed_at, cancelled_at, created_at, updated_at, version) VALUES ";
  private static final String ORDER_ROW =
      "(?, ?, ?, 'SAMPLE', ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?)";

  private static final String LINES =
      "INSERT INTO order_lines (order_sn, line_no, outer_sku_id, quantity, price_fen) VALUES ";
  private static final String LINE_ROW = "(?, ?, ?, ?, ?)";

  private static final String SHIPMENTS =
      "INSERT INTO shipments (order_sn, tracking_number, carrier, kind, shipped_at, uploaded_at)"
          + " VALUES ";
  private static final String SHIPMENT_ROW = "(?, ?, ?, ?, ?, ?)";

  private static final String AFTER_SALES =
      "INSERT INTO after_sales (after_sales_id, shop_id, order_sn, type, status, source, reason,"
          + " refund_amount_fen, refunded_amount_fen, expire_time, order_shipped,"
          + " buyer_recent_cases, decision, decision_rule, outcome, missed_deadline,"
          + " refusal_reason, inspection, replacement_tracking, opened_at, closed_at, updated_at,"
          + " version) VALUES ";
  private static final String AFTER_SALES_ROW =
      "(?, ?, ?, ?, ?, 'SAMPLE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String SKUS =
      "INSERT IGNORE INTO skus (outer_sku_id, outer_goods_id, title, category_id, spec, cost_fen,"
          + " price_fen, updated_at) VALUES ";
  private static final String SKU_ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String STOCK =
      "INSERT IGNORE INTO stock (outer_sku_id, on_hand, reserved, updated_at) VALUES ";
  private static final String STOCK_ROW = "(?, ?, 0, ?)";

  /** The texts of full-size statements, by table. */
  private static final ConcurrentHashMap<String, String> FULL_STATEMENTS =
      new ConcurrentHashMap<>();

  @FunctionalInterface
  private interface Binder<T> {
    int bind(PreparedStatement statement, int index, T row) throws SQLException;
  }

  private SampleDataWriter() {}

  /** The catalogue's SKUs and their stock, unless they exist. */
  static void catalogue(final Connection connection, final SampleCatalog catalog, final long at)
      throws SQLException {
    final List<Sku> skus = catalog.skus();
    insert(
        connection,
        SKUS,
        SKU_ROW,
        skus,
        (s, i, sku) -> {
          s.setString(i++, sku.outerSkuId());
          s.setString(i++, sku.outerGoodsId());
          s.setString(i++, sku.title());
          s.setLong(i++, sku.categoryId());
          s.setString(i++, sku.spec());
          s.setLong(i++, sku.costFen());
          s.setLong(i++, sku.priceFen());
          time(s, i++, at);
          return i;
        });
    insert(
        connection,
        STOCK,
        STOCK_ROW,
        skus,
        (s, i, sku) -> {
          s.setString(i++, sku.outerSkuId());
          // popular or not, a few weeks of cover; the hash keeps it the same in every run
          s.setInt(i++, 50 + Math.floorMod(sku.outerSkuId().hashCode(), 1_950));
          time(s, i++, at);
          return i;
        });
  }

  /** The batch's rows, orders first (the other tables refer to them). */
  static void write(final Connection connection, final SampleBatch batch) throws SQLException {
    insert(connection, ORDERS, ORDER_ROW, batch.orders, SampleDataWriter::bindOrder);
    insert(connection, LINES, LINE_ROW, batch.lines, SampleDataWriter::bindLine);
    insert(connection, SHIPMENTS, SHIPMENT_ROW, batch.shipments, SampleDataWriter::bindShipment);
    insert(connection, AFTER_SALES, AFTER_SALES_ROW, batch.afterSales, SampleDataWriter::bindCase);
  }

  private static int bindOrder(final PreparedStatement s, int i, final OrderRow o)
      throws SQLException {
    s.setString(i++, o.orderSn());
    s.setString(i++, o.shopId());
    s.setString(i++, o.status());
    time(s, i++, o.confirmTime());
    time(s, i++, o.lastShipTime());
    s.setLong(i++, o.payAmountFen());
    s.setLong(i++, o.goodsAmountFen());
    s.setString(i++, o.nameMask());
    s.setString(i++, o.phoneMask());
    s.setString(i++, o.addressMask());
    s.setString(i++, o.wmsState());
    time(s, i++, o.cancelRequestedAt());
    s.setString(i++, o.cancelReason());
    s.setBoolean(i++, o.shipByAtRisk());
    s.setBoolean(i++, o.shipByBreached());
    time(s, i++, o.shippedAt());
    time(s, i++, o.deliveredAt());
    time(s, i++, o.completedAt());
    time(s, i++, o.cancelledAt());
    time(s, i++, o.createdAt());
    time(s, i++, o.updatedAt());
    s.setInt(i++, o.version());
    return i;
  }

  private static int bindLine(final PreparedStatement s, int i, final LineRow l)
      throws SQLException {
    s.setString(i++, l.orderSn());
    s.setInt(i++, l.lineNo());
    s.setString(i++, l.outerSkuId());
    s.setInt(i++, l.quantity());
    s.setLong(i++, l.priceFen());
    return i;
  }

  private static int bindShipment(final PreparedStatement s, int i, final ShipmentRow p)
      throws SQLException {
    s.setString(i++, p.orderSn());
    s.setString(i++, p.trackingNumber());
    s.setString(i++, p.carrier());
    s.setString(i++, p.kind());
    time(s, i++, p.shippedAt());
    time(s, i++, p.uploadedAt());
    return i;
  }

  private static int bindCase(final PreparedStatement s, int i, final AfterSalesRow c)
      throws SQLException {
    s.setString(i++, c.afterSalesId());
    s.setString(i++, c.shopId());
    s.setString(i++, c.orderSn());
    s.setString(i++, c.type());
    s.setString(i++, c.status());
    s.setString(i++, c.reason());
    s.setLong(i++, c.refundAmountFen());
    if (c.refundedAmountFen() == null) {
      s.setNull(i++, Types.BIGINT);
    } else {
      s.setLong(i++, c.refundedAmountFen());
    }
    time(s, i++, c.expireTime());
    s.setBoolean(i++, c.orderShipped());
    s.setInt(i++, c.buyerRecentCases());
    s.setString(i++, c.decision());
    s.setString(i++, c.decisionRule());
    s.setString(i++, c.outcome());
    s.setBoolean(i++, c.missedDeadline());
    s.setString(i++, c.refusalReason());
    s.setString(i++, c.inspection());
    s.setString(i++, c.replacementTracking());
    time(s, i++, c.openedAt());
    time(s, i++, c.closedAt());
    time(s, i++, c.closedAt());
    s.setInt(i++, c.version());
    return i;
  }

  private static void time(final PreparedStatement s, final int index, final long epochMilli)
      throws SQLException {
    if (epochMilli == SampleBatch.NONE) {
      s.setNull(index, Types.TIMESTAMP);
    } else {
      s.setTimestamp(index, new Timestamp(epochMilli));
    }
  }

  private static <T> void insert(
      final Connection connection,
      final String head,
      final String row,
      final List<T> rows,
      final Binder<T> binder)
      throws SQLException {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      final int to = Math.min(rows.size(), from + ROWS_PER_STATEMENT);
      try (PreparedStatement statement =
          connection.prepareStatement(statement(head, row, to - from))) {
        int index = 1;
        for (int r = from; r < to; r++) {
          index = binder.bind(statement, index, rows.get(r));
        }
        statement.executeUpdate();
      }
    }
  }

  private static String statement(final String head, final String row, final int rows) {
    if (rows == ROWS_PER_STATEMENT) {
      return FULL_STATEMENTS.computeIfAbsent(head, h -> build(h, row, rows));
    }
    return build(head, row, rows);
  }

  private static String build(final String head, final String row, final int rows) {
    final StringBuilder sql = new StringBuilder(head.length() + rows * (row.length() + 1));
    sql.append(head);
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        sql.append(',');
      }
      sql.append(row);
    }
    return sql.toString();
  }
}
