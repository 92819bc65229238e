package io.pinflow.domain.jdbc;

import io.pinflow.domain.report.Histogram;
import io.pinflow.domain.report.ReportRepository;
import io.pinflow.domain.report.ReportRepository.FulfilmentCounts;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Fulfilment counts of one group as they add up: from rows counted per time-to-ship bucket, from
 * daily or monthly facts, or from other sums. What a fact row stores is exactly these fields.
 */
final class FulfilmentSums {

  /** Time-to-ship beyond a week lands in the last bucket. */
  static final long LAST_SHIP_BUCKET = 7 * 24 * 3600 / ReportRepository.SHIP_BUCKET_SECONDS;

  private static final String SHIP_SECONDS =
      "(UNIX_TIMESTAMP(o.shipped_at) - UNIX_TIMESTAMP(o.confirm_time))";
  private static final String NOT_CANCELLED = "o.status <> 'CANCELLED'";

  final Histogram shipTimes = new Histogram(ReportRepository.SHIP_BUCKET_SECONDS);
  long orders;
  long units;
  long gmvFen;
  long shipped;
  long onTime;
  long shipSeconds;
  long breaches;
  long cancellations;

  /**
   * The select list that counts orders (with {@code bySku}: order lines joined as {@code l}) per
   * group and time-to-ship {@code bucket} (null for orders not shipped); {@code :now} decides
   * whether an order not shipped is past its deadline. A bucket depends on the order alone, so
   * distinct orders per group and bucket add up per group.
   */
  static String countsPerBucket(final boolean bySku) {
    final String value = bySku ? "l.quantity * l.price_fen" : "o.pay_amount_fen";
    return "LEAST(FLOOR("
        + SHIP_SECONDS
        + " / "
        + ReportRepository.SHIP_BUCKET_SECONDS
        + "), "
        + LAST_SHIP_BUCKET
        + ") AS bucket, "
        + (bySku ? "COUNT(DISTINCT o.order_sn)" : "COUNT(*)")
        + " AS orders, "
        + (bySku ? "SUM(CASE WHEN " + NOT_CANCELLED + " THEN l.quantity ELSE 0 END)" : "0")
        + " AS units, SUM(CASE WHEN "
        + NOT_CANCELLED
        + " THEN "
        + value
        + " ELSE 0 END) AS gmv_fen, SUM(CASE WHEN o.shipped_at IS NOT NULL THEN 1 ELSE 0 END) AS"
        + " shipped, SUM(CASE WHEN o.shipped_at <= o.last_ship_time THEN 1 ELSE 0 END) AS"
        + " shipped_on_time, COALESCE(SUM("
        + SHIP_SECONDS
        + "), 0) AS ship_seconds, SUM(CASE WHEN "
        + NOT_CANCELLED
        + " AND (o.shipped_at > o.last_ship_time OR (o.shipped_at IS NULL AND"
        + " o.last_ship_time < :now)) THEN 1 ELSE 0 END) AS breaches, SUM(CASE WHEN"
        + " o.status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancellations";
  }

  /** Adds a row of {@link #countsPerBucket}; its columns are named as the facts' columns. */
  void addBucketRow(final ResultSet rs) throws SQLException {
    addFigures(rs);
    final long bucket = rs.getLong("bucket");
    if (!rs.wasNull()) {
      shipTimes.add(Math.max(0, bucket), rs.getLong("shipped"));
    }
  }

  /** Adds a fact row (the columns of {@code report_order_days} or {@code report_sku_facts}). */
  void addFactRow(final ResultSet rs) throws SQLException {
    addFigures(rs);
    shipTimes.addEncoded(rs.getString("ship_times"));
  }

  void addAll(final FulfilmentSums other) {
    orders += other.orders;
    units += other.units;
    gmvFen += other.gmvFen;
    shipped += other.shipped;
    onTime += other.onTime;
    shipSeconds += other.shipSeconds;
    breaches += other.breaches;
    cancellations += other.cancellations;
    shipTimes.addAll(other.shipTimes);
  }

  private void addFigures(final ResultSet rs) throws SQLException {
    orders += rs.getLong("orders");
    units += rs.getLong("units");
    gmvFen += rs.getLong("gmv_fen");
    shipped += rs.getLong("shipped");
    onTime += rs.getLong("shipped_on_time");
    shipSeconds += rs.getLong("ship_seconds");
    breaches += rs.getLong("breaches");
    cancellations += rs.getLong("cancellations");
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
