package io.pinflow.domain.jdbc;

import io.pinflow.domain.report.Histogram;
import io.pinflow.domain.report.ReportQuery;
import io.pinflow.domain.report.ReportQuery.Grouping;
import io.pinflow.domain.report.ReportRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Report queries: one aggregate pass per report over the range, in SQL MySQL and MariaDB share. Day
 * keys come from {@code UNIX_TIMESTAMP} (true epoch seconds whatever the session's time zone)
 * shifted by the report zone's offset; percentiles from per-bucket counts.
 */
@Repository
class JdbcReportRepository implements ReportRepository {

  private static final String ORDER_SCOPE =
      " WHERE (:all OR o.shop_id IN (:shops)) AND (:shop IS NULL OR o.shop_id = :shop)"
          + " AND o.confirm_time >= :from AND o.confirm_time < :to";
  private static final String AFTER_SALES_SCOPE =
      " WHERE (:all OR a.shop_id IN (:shops)) AND (:shop IS NULL OR a.shop_id = :shop)"
          + " AND a.opened_at >= :from AND a.opened_at < :to";
  private static final String SHIP_SECONDS =
      "(UNIX_TIMESTAMP(o.shipped_at) - UNIX_TIMESTAMP(o.confirm_time))";
  private static final String NOT_CANCELLED = "o.status <> 'CANCELLED'";

  /** Time-to-ship beyond a week lands in the last bucket. */
  private static final long LAST_SHIP_BUCKET = 7 * 24 * 3600 / SHIP_BUCKET_SECONDS;

  private final JdbcClient jdbc;

  JdbcReportRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One pass over the range: counts grouped by key and time-to-ship bucket (null for orders not
   * shipped), summed per key here, with the buckets of shipped orders as the key's histogram. A
   * bucket depends on the order alone, so distinct orders per key and bucket add up per key.
   */
  @Override
  public List<FulfilmentCounts> fulfilment(
      final ReportQuery query, final int offsetSeconds, final Instant now) {
    final boolean bySku = query.groupBy() == Grouping.SKU;
    final String value = bySku ? "l.quantity * l.price_fen" : "o.pay_amount_fen";
    final String sql =
        "SELECT "
            + orderKey(query.groupBy())
            + " AS k, LEAST(FLOOR("
            + SHIP_SECONDS
            + " / "
            + SHIP_BUCKET_SECONDS
            + "), "
            + LAST_SHIP_BUCKET
            + ") AS bucket, "
            + (bySku ? "COUNT(DISTINCT o.order_sn)" : "COUNT(*)")
            + " AS orders, "
            + (bySku ? "SUM(CASE WHEN " + NOT_CANCELLED + " THEN l.quantity ELSE 0 END)" : "NULL")
            + " AS units, SUM(CASE WHEN "
            + NOT_CANCELLED
            + " THEN "
            + value
            + " ELSE 0 END) AS gmv, SUM(CASE WHEN o.shipped_at IS NOT NULL THEN 1 ELSE 0 END) AS"
            + " shipped, SUM(CASE WHEN o.shipped_at <= o.last_ship_time THEN 1 ELSE 0 END) AS"
            + " on_time, SUM("
            + SHIP_SECONDS
            + ") AS ship_seconds, SUM(CASE WHEN "
            + NOT_CANCELLED
            + " AND (o.shipped_at > o.last_ship_time OR (o.shipped_at IS NULL AND"
            + " o.last_ship_time < :now)) THEN 1 ELSE 0 END) AS breaches, SUM(CASE WHEN"
            + " o.status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancellations FROM orders o"
            + (bySku ? " JOIN order_lines l ON l.order_sn = o.order_sn" : "")
            + ORDER_SCOPE
            + " GROUP BY k, bucket ORDER BY k";
    final Map<String, Sums> byKey = new LinkedHashMap<>();
    jdbc.sql(sql)
        .params(params(query, offsetSeconds))
        .param("now", Sql.timestamp(now))
        .query(
            (RowCallbackHandler)
                rs -> byKey.computeIfAbsent(key(rs, query.groupBy()), k -> new Sums()).add(rs));
    return byKey.entrySet().stream().map(e -> e.getValue().counts(e.getKey(), bySku)).toList();
  }

  /** The fulfilment counts of one key, summed over its time-to-ship buckets. */
  private static final class Sums {
    private final Histogram shipTimes = new Histogram(SHIP_BUCKET_SECONDS);
    private long orders;
    private long units;
    private long gmvFen;
    private long shipped;
    private long onTime;
    private long shipSeconds;
    private long breaches;
    private long cancellations;

    void add(final ResultSet rs) throws SQLException {
      orders += rs.getLong("orders");
      units += rs.getLong("units");
      gmvFen += rs.getLong("gmv");
      shipped += rs.getLong("shipped");
      onTime += rs.getLong("on_time");
      shipSeconds += rs.getLong("ship_seconds");
      breaches += rs.getLong("breaches");
      cancellations += rs.getLong("cancellations");
      final long bucket = rs.getLong("bucket");
      if (!rs.wasNull()) {
        shipTimes.add(Math.max(0, bucket), rs.getLong("shipped"));
      }
    }

    FulfilmentCounts counts(final String key, final boolean withUnits) {
      return new FulfilmentCounts(
          key,
          orders,
          withUnits ? units : null,
          gmvFen,
          shipped,
          onTime,
          shipped == 0 ? null : (double) shipSeconds / shipped,
          shipTimes,
          breaches,
          cancellations);
    }
  }

  @Override
  public List<AfterSalesCounts> afterSales(final ReportQuery query, final int offsetSeconds) {
    final String sql =
        "SELECT "
            + afterSalesKey(query.groupBy())
            + " AS k, COUNT(*) AS cases, SUM(a.refund_amount_fen) AS asked,"
            + " SUM(COALESCE(a.refunded_amount_fen, 0)) AS paid, SUM(CASE WHEN a.status ="
            + " 'REFUNDED' THEN 1 ELSE 0 END) AS refunded, SUM(CASE WHEN a.status = 'REJECTED'"
            + " THEN 1 ELSE 0 END) AS rejected, SUM(CASE WHEN a.status IN ('OPEN',"
            + " 'AWAITING_RETURN', 'INSPECTING') THEN 1 ELSE 0 END) AS still_open,"
            + " AVG(UNIX_TIMESTAMP(a.closed_at) - UNIX_TIMESTAMP(a.opened_at)) AS handling,"
            + " SUM(CASE WHEN a.missed_deadline THEN 1 ELSE 0 END) AS missed FROM after_sales a"
            + AFTER_SALES_SCOPE
            + " GROUP BY k ORDER BY k";
    return jdbc.sql(sql)
        .params(params(query, offsetSeconds))
        .query(
            (rs, row) ->
                new AfterSalesCounts(
                    key(rs, query.groupBy()),
                    rs.getLong("cases"),
                    rs.getLong("asked"),
                    rs.getLong("paid"),
                    rs.getLong("refunded"),
                    rs.getLong("rejected"),
                    rs.getLong("still_open"),
                    nullableDouble(rs, "handling"),
                    rs.getLong("missed")))
        .list();
  }

  @Override
  public Map<String, Long> orderCounts(final ReportQuery query, final int offsetSeconds) {
    final Grouping grouping =
        query.groupBy() == Grouping.DAY || query.groupBy() == Grouping.SHOP
            ? query.groupBy()
            : Grouping.TOTAL;
    final Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT "
                + orderKey(grouping)
                + " AS k, COUNT(*) AS n FROM orders o"
                + ORDER_SCOPE
                + " GROUP BY k")
        .params(params(query, offsetSeconds))
        .query((RowCallbackHandler) rs -> counts.put(key(rs, grouping), rs.getLong("n")));
    return counts;
  }

  private static String orderKey(final Grouping grouping) {
    return switch (grouping) {
      case DAY -> dayKey("o.confirm_time");
      case SHOP -> "o.shop_id";
      case SKU -> "l.outer_sku_id";
      case TOTAL -> "'total'";
      default -> throw new IllegalArgumentException("orders are not grouped by " + grouping);
    };
  }

  private static String afterSalesKey(final Grouping grouping) {
    return switch (grouping) {
      case DAY -> dayKey("a.opened_at");
      case SHOP -> "a.shop_id";
      case TYPE -> "a.type";
      case REASON -> "a.reason";
      case OUTCOME -> "a.status";
      case TOTAL -> "'total'";
      case SKU -> throw new IllegalArgumentException("after-sales are not grouped by SKU");
    };
  }

  /** The day number (days since 1970-01-01 in the report zone) of a timestamp column. */
  private static String dayKey(final String column) {
    return "FLOOR((UNIX_TIMESTAMP(" + column + ") + :offset) / 86400)";
  }

  private static String key(final ResultSet rs, final Grouping grouping) throws SQLException {
    return grouping == Grouping.DAY
        ? LocalDate.ofEpochDay(rs.getLong("k")).toString()
        : rs.getString("k");
  }

  private static Map<String, Object> params(final ReportQuery query, final int offsetSeconds) {
    return Sql.params(
        "all", query.scope().all(),
        "shops", Sql.inList(query.scope().shops()),
        "shop", query.shopId(),
        "from", Sql.timestamp(query.from()),
        "to", Sql.timestamp(query.to()),
        "offset", offsetSeconds);
  }

  private static Double nullableDouble(final ResultSet rs, final String column)
      throws SQLException {
    final double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
