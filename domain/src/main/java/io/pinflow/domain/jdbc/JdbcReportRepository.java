package io.pinflow.domain.jdbc;

import io.pinflow.domain.report.ReportCoverage;
import io.pinflow.domain.report.ReportCoverage.DayRun;
import io.pinflow.domain.report.ReportCoverage.LiveSpan;
import io.pinflow.domain.report.ReportCoverage.ShopMonth;
import io.pinflow.domain.report.ReportFacts.Subject;
import io.pinflow.domain.report.ReportQuery;
import io.pinflow.domain.report.ReportQuery.Grouping;
import io.pinflow.domain.report.ReportRepository;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Report queries over settled facts and rows. {@link ReportCoverage} splits the range: settled days
 * come from the fact tables (whole months of SKU facts from their rollup), everything else from the
 * rows, each source summed per group in one pass and the sums added up here. Day keys of rows come
 * from {@code UNIX_TIMESTAMP} (true epoch seconds whatever the session's time zone) shifted by the
 * report zone's offset; percentiles from per-bucket counts.
 */
@Repository
class JdbcReportRepository implements ReportRepository {

  /** Ranges per statement; a range list longer than this is read in several statements. */
  private static final int RANGES_PER_STATEMENT = 200;

  private final JdbcClient jdbc;
  private final ZoneId zone;

  JdbcReportRepository(
      final JdbcClient jdbc, @Value("${pinflow.reports.zone:Asia/Shanghai}") final ZoneId zone) {
    this.jdbc = jdbc;
    this.zone = zone;
  }

  @Override
  public List<FulfilmentCounts> fulfilment(
      final ReportQuery query, final int offsetSeconds, final Instant now) {
    final boolean bySku = query.groupBy() == Grouping.SKU;
    final List<String> shops = shops(query);
    final ReportCoverage coverage = coverage(Subject.ORDERS, query, shops, bySku);
    final Map<String, FulfilmentSums> sums = new TreeMap<>();
    final Function<String, FulfilmentSums> group =
        k -> sums.computeIfAbsent(k, x -> new FulfilmentSums());
    if (bySku) {
      readRanges(
          "SELECT sku, orders, units, gmv_fen, shipped, shipped_on_time, ship_seconds, breaches,"
              + " cancellations, ship_times FROM report_sku_facts WHERE grain = 'D' AND ",
          dayRanges("shop_id", "period", coverage.factDays()),
          Map.of(),
          rs -> group.apply(rs.getString("sku")).addFactRow(rs));
      readRanges(
          "SELECT sku, orders, units, gmv_fen, shipped, shipped_on_time, ship_seconds, breaches,"
              + " cancellations, ship_times FROM report_sku_facts WHERE grain = 'M' AND ",
          monthRanges(coverage.factMonths()),
          Map.of(),
          rs -> group.apply(rs.getString("sku")).addFactRow(rs));
    } else {
      readRanges(
          "SELECT shop_id, day, orders, 0 AS units, gmv_fen, shipped, shipped_on_time,"
              + " ship_seconds, breaches, cancellations, ship_times FROM report_order_days WHERE ",
          dayRanges("shop_id", "day", coverage.factDays()),
          Map.of(),
          rs -> group.apply(factKey(rs, query.groupBy())).addFactRow(rs));
    }
    readRanges(
        "SELECT "
            + orderKey(query.groupBy())
            + " AS k, "
            + FulfilmentSums.countsPerBucket(bySku)
            + " FROM orders o"
            + (bySku ? " JOIN order_lines l ON l.order_sn = o.order_sn" : "")
            + " WHERE ",
        liveRanges("o.shop_id", "o.confirm_time", coverage.live()),
        Sql.params("offset", offsetSeconds, "now", Sql.timestamp(now)),
        " GROUP BY k, bucket",
        rs -> group.apply(liveKey(rs, query.groupBy())).addBucketRow(rs));
    return sums.entrySet().stream().map(e -> e.getValue().counts(e.getKey(), bySku)).toList();
  }

  @Override
  public List<AfterSalesCounts> afterSales(final ReportQuery query, final int offsetSeconds) {
    final List<String> shops = shops(query);
    final ReportCoverage coverage = coverage(Subject.AFTER_SALES, query, shops, false);
    final Map<String, AfterSalesSums> sums = new TreeMap<>();
    final Function<String, AfterSalesSums> group =
        k -> sums.computeIfAbsent(k, x -> new AfterSalesSums());
    readRanges(
        "SELECT shop_id, day, type, reason, status, cases, asked_fen, paid_fen, refunded,"
            + " rejected, handled, handling_seconds, missed FROM report_after_sales_days WHERE ",
        dayRanges("shop_id", "day", coverage.factDays()),
        Map.of(),
        rs -> group.apply(factKey(rs, query.groupBy())).add(rs, false));
    readRanges(
        "SELECT "
            + afterSalesKey(query.groupBy())
            + " AS k, "
            + AfterSalesSums.COUNTS
            + " FROM after_sales a WHERE ",
        liveRanges("a.shop_id", "a.opened_at", coverage.live()),
        Sql.params("offset", offsetSeconds),
        " GROUP BY k",
        rs -> group.apply(liveKey(rs, query.groupBy())).add(rs, true));
    return sums.entrySet().stream().map(e -> e.getValue().counts(e.getKey())).toList();
  }

  @Override
  public Map<String, Long> orderCounts(final ReportQuery query, final int offsetSeconds) {
    final Grouping grouping =
        query.groupBy() == Grouping.DAY || query.groupBy() == Grouping.SHOP
            ? query.groupBy()
            : Grouping.TOTAL;
    final ReportCoverage coverage = coverage(Subject.ORDERS, query, shops(query), false);
    final Map<String, Long> counts = new TreeMap<>();
    readRanges(
        "SELECT shop_id, day, orders FROM report_order_days WHERE ",
        dayRanges("shop_id", "day", coverage.factDays()),
        Map.of(),
        rs -> counts.merge(factKey(rs, grouping), rs.getLong("orders"), Long::sum));
    readRanges(
        "SELECT " + orderKey(grouping) + " AS k, COUNT(*) AS n FROM orders o WHERE ",
        liveRanges("o.shop_id", "o.confirm_time", coverage.live()),
        Sql.params("offset", offsetSeconds),
        " GROUP BY k",
        rs -> counts.merge(liveKey(rs, grouping), rs.getLong("n"), Long::sum));
    return counts;
  }

  /** The shops a query covers: its one shop, the scope's shops, or every shop. */
  private List<String> shops(final ReportQuery query) {
    if (query.shopId() != null) {
      return query.scope().allows(query.shopId()) ? List.of(query.shopId()) : List.of();
    }
    if (!query.scope().all()) {
      return query.scope().shops().stream().sorted().toList();
    }
    return jdbc.sql("SELECT shop_id FROM shops ORDER BY shop_id").query(String.class).list();
  }

  /**
   * Which settled days (and, with {@code months}, rolled-up months) the range may read from the
   * facts: those settled and not named by an invalidation still waiting to be counted.
   */
  private ReportCoverage coverage(
      final Subject subject,
      final ReportQuery query,
      final List<String> shops,
      final boolean months) {
    final LocalDate first = query.from().atZone(zone).toLocalDate();
    final LocalDate last = query.to().atZone(zone).toLocalDate();
    final Map<String, Set<LocalDate>> settled = new HashMap<>();
    final Map<String, Set<YearMonth>> rolledUp = new HashMap<>();
    if (shops.isEmpty()) {
      return ReportCoverage.of(query.from(), query.to(), zone, shops, settled, rolledUp);
    }
    final Map<String, Object> params =
        Sql.params(
            "s", subject.name(),
            "shops", shops,
            "first", Date.valueOf(first),
            "last", Date.valueOf(last));
    jdbc.sql(
            "SELECT shop_id, day FROM report_days WHERE subject = :s AND settled AND shop_id IN"
                + " (:shops) AND day >= :first AND day <= :last")
        .params(params)
        .query(
            (RowCallbackHandler)
                rs ->
                    settled
                        .computeIfAbsent(rs.getString("shop_id"), k -> new HashSet<>())
                        .add(rs.getDate("day").toLocalDate()));
    if (months) {
      jdbc.sql(
              "SELECT shop_id, month FROM report_sku_months WHERE shop_id IN (:shops) AND month >="
                  + " :first AND month <= :last")
          .params(params)
          .query(
              (RowCallbackHandler)
                  rs ->
                      rolledUp
                          .computeIfAbsent(rs.getString("shop_id"), k -> new HashSet<>())
                          .add(YearMonth.from(rs.getDate("month").toLocalDate())));
    }
    jdbc.sql(
            "SELECT shop_id, from_time, to_time FROM report_invalidations WHERE subject = :s AND"
                + " from_time < :until AND to_time >= :since")
        .param("s", subject.name())
        .param("until", Sql.timestamp(query.to().plusSeconds(86_400)))
        .param("since", Sql.timestamp(query.from().minusSeconds(86_400)))
        .query(
            (RowCallbackHandler)
                rs -> {
                  final String shop = rs.getString("shop_id");
                  final LocalDate from = Sql.instant(rs, "from_time").atZone(zone).toLocalDate();
                  final LocalDate to = Sql.instant(rs, "to_time").atZone(zone).toLocalDate();
                  for (final String each : shop == null ? shops : List.of(shop)) {
                    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                      settled.getOrDefault(each, new HashSet<>()).remove(day);
                      rolledUp.getOrDefault(each, new HashSet<>()).remove(YearMonth.from(day));
                    }
                  }
                });
    return ReportCoverage.of(query.from(), query.to(), zone, shops, settled, rolledUp);
  }

  /** An OR of conditions with their parameters, read in statements of a bounded size. */
  private record Ranges(List<String> conditions, Map<String, Object> params) {}

  private static Ranges dayRanges(
      final String shopColumn, final String dayColumn, final List<DayRun> runs) {
    final List<String> conditions = new ArrayList<>();
    final Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      final DayRun run = runs.get(i);
      conditions.add(
          "(%s = :s%d AND %s >= :f%d AND %s < :t%d)"
              .formatted(shopColumn, i, dayColumn, i, dayColumn, i));
      params.put("s" + i, run.shopId());
      params.put("f" + i, Date.valueOf(run.from()));
      params.put("t" + i, Date.valueOf(run.to()));
    }
    return new Ranges(conditions, params);
  }

  private static Ranges monthRanges(final List<ShopMonth> months) {
    final List<String> conditions = new ArrayList<>();
    final Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < months.size(); i++) {
      conditions.add("(shop_id = :s%d AND period = :m%d)".formatted(i, i));
      params.put("s" + i, months.get(i).shopId());
      params.put("m" + i, Date.valueOf(months.get(i).month().atDay(1)));
    }
    return new Ranges(conditions, params);
  }

  private static Ranges liveRanges(
      final String shopColumn, final String timeColumn, final List<LiveSpan> spans) {
    final List<String> conditions = new ArrayList<>();
    final Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      final LiveSpan span = spans.get(i);
      conditions.add(
          "(%s = :s%d AND %s >= :f%d AND %s < :t%d)"
              .formatted(shopColumn, i, timeColumn, i, timeColumn, i));
      params.put("s" + i, span.shopId());
      params.put("f" + i, Sql.timestamp(span.from()));
      params.put("t" + i, Sql.timestamp(span.to()));
    }
    return new Ranges(conditions, params);
  }

  private void readRanges(
      final String select,
      final Ranges ranges,
      final Map<String, Object> params,
      final RowCallbackHandler rows) {
    readRanges(select, ranges, params, "", rows);
  }

  /** Runs {@code select} + an OR of a chunk of the ranges + {@code tail} for every chunk. */
  private void readRanges(
      final String select,
      final Ranges ranges,
      final Map<String, Object> params,
      final String tail,
      final RowCallbackHandler rows) {
    final List<String> conditions = ranges.conditions();
    for (int start = 0; start < conditions.size(); start += RANGES_PER_STATEMENT) {
      final List<String> chunk =
          conditions.subList(start, Math.min(conditions.size(), start + RANGES_PER_STATEMENT));
      jdbc.sql(select + "(" + String.join(" OR ", chunk) + ")" + tail)
          .params(ranges.params())
          .params(params)
          .query(rows);
    }
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

  private static String liveKey(final ResultSet rs, final Grouping grouping) throws SQLException {
    return grouping == Grouping.DAY
        ? LocalDate.ofEpochDay(rs.getLong("k")).toString()
        : rs.getString("k");
  }

  /** The group of a fact row, which carries its day, shop and (after-sales) type and reason. */
  private static String factKey(final ResultSet rs, final Grouping grouping) throws SQLException {
    return switch (grouping) {
      case DAY -> rs.getDate("day").toLocalDate().toString();
      case SHOP -> rs.getString("shop_id");
      case TYPE -> rs.getString("type");
      case REASON -> rs.getString("reason");
      case OUTCOME -> rs.getString("status");
      case TOTAL -> "total";
      case SKU -> rs.getString("sku");
    };
  }
}
