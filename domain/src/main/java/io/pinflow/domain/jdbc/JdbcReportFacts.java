package io.pinflow.domain.jdbc;

import io.pinflow.domain.report.ReportFacts;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts settled days into the fact tables (see {@code V8__report_facts.sql}). A round examines the
 * days still open, the days named by invalidations and the days that ended since the last round; a
 * day of a shop settles when it ended {@code settleAfter} ago and none of its orders waits for
 * shipment (none of its after-sales cases is open). Each day and shop is written in a transaction
 * of its own, so a round that stops half-way leaves only whole days; rounds of several nodes do not
 * overlap (a named database lock).
 */
class JdbcReportFacts implements ReportFacts {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcReportFacts.class);
  private static final String LOCK = "pinflow.report-facts";

  /** A row written this much later than its time may land in a settled day. */
  private static final Duration LATE_WRITE = Duration.ofMinutes(5);

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final NamedParameterJdbcTemplate named;
  private final TransactionTemplate transactions;
  private final ZoneId zone;
  private final Duration settleAfter;
  private final Clock clock;

  JdbcReportFacts(
      final JdbcClient jdbc,
      final JdbcTemplate template,
      final NamedParameterJdbcTemplate named,
      final TransactionTemplate transactions,
      final ZoneId zone,
      final Duration settleAfter,
      final Clock clock) {
    this.jdbc = jdbc;
    this.template = template;
    this.named = named;
    this.transactions = transactions;
    this.zone = zone;
    this.settleAfter = settleAfter;
    this.clock = clock;
  }

  /**
   * Called by the repositories when they insert a row: one written well after its time may fall on
   * a day that settled already, so that day is named for counting again.
   */
  static void recordWrite(
      final JdbcClient jdbc,
      final Subject subject,
      final String shopId,
      final Instant at,
      final Instant writtenAt) {
    if (at.isBefore(writtenAt.minus(LATE_WRITE))) {
      insertInvalidation(jdbc, subject, shopId, at, at);
    }
  }

  @Override
  public void invalidate(
      final Subject subject, final String shopId, final Instant from, final Instant to) {
    insertInvalidation(jdbc, subject, shopId, from, to);
  }

  private static void insertInvalidation(
      final JdbcClient jdbc,
      final Subject subject,
      final String shopId,
      final Instant from,
      final Instant to) {
    jdbc.sql(
            "INSERT INTO report_invalidations (subject, shop_id, from_time, to_time)"
                + " VALUES (:subject, :shop, :from, :to)")
        .param("subject", subject.name())
        .param("shop", shopId)
        .param("from", Sql.timestamp(from))
        .param("to", Sql.timestamp(to))
        .update();
  }

  @Override
  public Refresh refresh() {
    return template.execute(
        (ConnectionCallback<Refresh>)
            connection -> {
              if (!namedLock(connection, "SELECT GET_LOCK(?, 0)")) {
                return Refresh.SKIPPED;
              }
              try {
                return refreshHoldingTheLock();
              } finally {
                namedLock(connection, "SELECT RELEASE_LOCK(?)");
              }
            });
  }

  private static boolean namedLock(final Connection connection, final String sql)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, LOCK);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  private Refresh refreshHoldingTheLock() {
    final Instant now = clock.instant();
    final LocalDate lastSettleable = now.minus(settleAfter).atZone(zone).toLocalDate().minusDays(1);
    int examined = 0;
    int settled = 0;
    final Set<ShopMonth> touchedMonths = new HashSet<>();
    for (final Subject subject : Subject.values()) {
      final LocalDate examinedThrough = examinedThrough(subject);
      final long lastInvalidation =
          jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM report_invalidations WHERE subject = :s")
              .param("s", subject.name())
              .query(Long.class)
              .single();
      final NavigableSet<LocalDate> days =
          daysToExamine(subject, examinedThrough, lastInvalidation);
      final LocalDate upTo =
          examinedThrough != null && examinedThrough.isAfter(lastSettleable)
              ? examinedThrough
              : lastSettleable;
      if (examinedThrough == null) {
        firstDay(subject).ifPresent(first -> addDays(days, first, lastSettleable));
      } else {
        addDays(days, examinedThrough.plusDays(1), lastSettleable);
      }
      for (final LocalDate day : days.headSet(upTo, true)) {
        final DayOutcome outcome = examine(subject, day, now);
        examined++;
        settled += outcome.settled();
        if (subject == Subject.ORDERS) {
          outcome.shops().forEach(shop -> touchedMonths.add(new ShopMonth(shop, day)));
        }
      }
      jdbc.sql("DELETE FROM report_invalidations WHERE subject = :s AND id <= :id")
          .param("s", subject.name())
          .param("id", lastInvalidation)
          .update();
      jdbc.sql("UPDATE report_fact_state SET examined_through = :day WHERE subject = :s")
          .param("day", Date.valueOf(upTo))
          .param("s", subject.name())
          .update();
    }
    final int months = rollUpMonths(touchedMonths, now);
    final Refresh refresh = new Refresh(examined, settled, months, false);
    if (settled > 0 || months > 0) {
      LOG.info(
          "Report facts: {} days examined, {} shop days settled, {} SKU months rolled up",
          examined,
          settled,
          months);
    }
    return refresh;
  }

  /**
   * The last day examined for a subject; starts over when the facts were counted in another zone
   * than the configured one.
   */
  private LocalDate examinedThrough(final Subject subject) {
    final Map<String, Object> state =
        jdbc
            .sql("SELECT zone, examined_through FROM report_fact_state WHERE subject = :s")
            .param("s", subject.name())
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElse(null);
    if (state != null && zone.getId().equals(state.get("zone"))) {
      final Object day = state.get("examined_through");
      return day == null ? null : ((Date) day).toLocalDate();
    }
    if (state != null) {
      LOG.info("Report zone changed to {}: counting {} facts again", zone, subject);
      clear(subject);
    }
    jdbc.sql(
            "REPLACE INTO report_fact_state (subject, zone, examined_through) VALUES (:s, :zone,"
                + " NULL)")
        .param("s", subject.name())
        .param("zone", zone.getId())
        .update();
    return null;
  }

  private void clear(final Subject subject) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql("DELETE FROM report_days WHERE subject = :s")
              .param("s", subject.name())
              .update();
          if (subject == Subject.ORDERS) {
            jdbc.sql("DELETE FROM report_order_days").update();
            jdbc.sql("DELETE FROM report_sku_facts").update();
            jdbc.sql("DELETE FROM report_sku_months").update();
          } else {
            jdbc.sql("DELETE FROM report_after_sales_days").update();
          }
        });
  }

  private NavigableSet<LocalDate> daysToExamine(
      final Subject subject, final LocalDate examinedThrough, final long lastInvalidation) {
    final NavigableSet<LocalDate> days = new TreeSet<>();
    if (examinedThrough == null) {
      return days;
    }
    jdbc.sql("SELECT DISTINCT day FROM report_days WHERE subject = :s AND NOT settled")
        .param("s", subject.name())
        .query((RowCallbackHandler) rs -> days.add(rs.getDate("day").toLocalDate()));
    jdbc.sql(
            "SELECT from_time, to_time FROM report_invalidations WHERE subject = :s AND id <="
                + " :id")
        .param("s", subject.name())
        .param("id", lastInvalidation)
        .query(
            (RowCallbackHandler)
                rs -> {
                  final LocalDate last = day(Sql.instant(rs, "to_time"));
                  final LocalDate first = day(Sql.instant(rs, "from_time"));
                  addDays(days, first, last.isAfter(examinedThrough) ? examinedThrough : last);
                });
    return days;
  }

  private Optional<LocalDate> firstDay(final Subject subject) {
    final String sql =
        subject == Subject.ORDERS
            ? "SELECT MIN(confirm_time) FROM orders"
            : "SELECT MIN(opened_at) FROM after_sales";
    final List<Timestamp> first = jdbc.sql(sql).query(Timestamp.class).list();
    return first.isEmpty() || first.getFirst() == null
        ? Optional.empty()
        : Optional.of(day(first.getFirst().toInstant()));
  }

  private static void addDays(
      final NavigableSet<LocalDate> days, final LocalDate first, final LocalDate last) {
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      days.add(day);
    }
  }

  /** The shops with rows on the day, and how many of them settled. */
  private record DayOutcome(Set<String> shops, int settled) {}

  private DayOutcome examine(final Subject subject, final LocalDate day, final Instant now) {
    final Instant from = day.atStartOfDay(zone).toInstant();
    final Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    final Map<String, Long> openByShop = new LinkedHashMap<>();
    jdbc.sql(
            subject == Subject.ORDERS
                ? "SELECT o.shop_id, SUM(CASE WHEN o.status <> 'CANCELLED' AND o.shipped_at IS"
                    + " NULL THEN 1 ELSE 0 END) AS still_open FROM orders o WHERE o.confirm_time"
                    + " >= :from AND o.confirm_time < :to GROUP BY o.shop_id"
                : "SELECT a.shop_id, SUM(CASE WHEN a.status IN "
                    + AfterSalesSums.OPEN_STATUSES
                    + " THEN 1 ELSE 0 END) AS still_open FROM after_sales a WHERE a.opened_at >="
                    + " :from AND a.opened_at < :to GROUP BY a.shop_id")
        .param("from", Sql.timestamp(from))
        .param("to", Sql.timestamp(to))
        .query(
            (RowCallbackHandler)
                rs -> openByShop.put(rs.getString("shop_id"), rs.getLong("still_open")));
    final Set<String> shops = new HashSet<>(openByShop.keySet());
    shops.addAll(
        jdbc.sql("SELECT shop_id FROM report_days WHERE subject = :s AND day = :day")
            .param("s", subject.name())
            .param("day", Date.valueOf(day))
            .query(String.class)
            .list());
    int settled = 0;
    for (final String shop : shops) {
      final Long open = openByShop.get(shop);
      final boolean settles = open != null && open == 0;
      final DayFacts facts = settles ? count(subject, shop, from, to, now) : DayFacts.none(subject);
      transactions.executeWithoutResult(
          status -> {
            deleteFacts(subject, shop, day);
            if (open == null) {
              deleteDay(subject, shop, day);
              return;
            }
            facts.write(named, shop, day);
            jdbc.sql(
                    "REPLACE INTO report_days (subject, shop_id, day, settled, refreshed_at)"
                        + " VALUES (:s, :shop, :day, :settled, :at)")
                .param("s", subject.name())
                .param("shop", shop)
                .param("day", Date.valueOf(day))
                .param("settled", settles)
                .param("at", Sql.timestamp(now))
                .update();
          });
      settled += settles ? 1 : 0;
    }
    return new DayOutcome(shops, settled);
  }

  private void deleteFacts(final Subject subject, final String shop, final LocalDate day) {
    final Map<String, Object> params = Map.of("shop", shop, "day", Date.valueOf(day));
    if (subject == Subject.ORDERS) {
      jdbc.sql("DELETE FROM report_order_days WHERE shop_id = :shop AND day = :day")
          .params(params)
          .update();
      jdbc.sql(
              "DELETE FROM report_sku_facts WHERE grain = 'D' AND shop_id = :shop AND period ="
                  + " :day")
          .params(params)
          .update();
    } else {
      jdbc.sql("DELETE FROM report_after_sales_days WHERE shop_id = :shop AND day = :day")
          .params(params)
          .update();
    }
  }

  private void deleteDay(final Subject subject, final String shop, final LocalDate day) {
    jdbc.sql("DELETE FROM report_days WHERE subject = :s AND shop_id = :shop AND day = :day")
        .param("s", subject.name())
        .param("shop", shop)
        .param("day", Date.valueOf(day))
        .update();
  }

  private DayFacts count(
      final Subject subject,
      final String shop,
      final Instant from,
      final Instant to,
      final Instant now) {
    final Map<String, Object> params =
        Sql.params(
            "shop",
            shop,
            "from",
            Sql.timestamp(from),
            "to",
            Sql.timestamp(to),
            "now",
            Sql.timestamp(now));
    if (subject == Subject.AFTER_SALES) {
      final List<MapSqlParameterSource> rows =
          jdbc.sql(
                  "SELECT a.type, a.reason, a.status, "
                      + AfterSalesSums.COUNTS
                      + " FROM after_sales a WHERE a.shop_id = :shop AND a.opened_at >= :from"
                      + " AND a.opened_at < :to GROUP BY a.type, a.reason, a.status")
              .params(params)
              .query((rs, row) -> afterSalesRow(rs))
              .list();
      return new DayFacts(subject, null, Map.of(), rows);
    }
    final FulfilmentSums day = new FulfilmentSums();
    jdbc.sql(
            "SELECT "
                + FulfilmentSums.countsPerBucket(false)
                + " FROM orders o WHERE o.shop_id = :shop AND o.confirm_time >= :from AND"
                + " o.confirm_time < :to GROUP BY bucket")
        .params(params)
        .query((RowCallbackHandler) day::addBucketRow);
    final Map<String, FulfilmentSums> skus = new HashMap<>();
    jdbc.sql(
            "SELECT l.outer_sku_id AS sku, "
                + FulfilmentSums.countsPerBucket(true)
                + " FROM orders o JOIN order_lines l ON l.order_sn = o.order_sn WHERE o.shop_id ="
                + " :shop AND o.confirm_time >= :from AND o.confirm_time < :to GROUP BY sku,"
                + " bucket")
        .params(params)
        .query(
            (RowCallbackHandler)
                rs ->
                    skus.computeIfAbsent(rs.getString("sku"), k -> new FulfilmentSums())
                        .addBucketRow(rs));
    return new DayFacts(subject, day, skus, List.of());
  }

  private static MapSqlParameterSource afterSalesRow(final ResultSet rs) throws SQLException {
    final MapSqlParameterSource row = new MapSqlParameterSource();
    for (final String column :
        List.of(
            "type",
            "reason",
            "status",
            "cases",
            "asked_fen",
            "paid_fen",
            "refunded",
            "rejected",
            "handled",
            "handling_seconds",
            "missed")) {
      row.addValue(column, rs.getObject(column));
    }
    return row;
  }

  /** What one settled day of a shop adds to the fact tables. */
  private record DayFacts(
      Subject subject,
      FulfilmentSums orders,
      Map<String, FulfilmentSums> skus,
      List<MapSqlParameterSource> afterSales) {

    static DayFacts none(final Subject subject) {
      return new DayFacts(subject, null, Map.of(), List.of());
    }

    void write(final NamedParameterJdbcTemplate named, final String shop, final LocalDate day) {
      if (orders != null) {
        named.update(
            "INSERT INTO report_order_days (shop_id, day, orders, gmv_fen, shipped,"
                + " shipped_on_time, ship_seconds, breaches, cancellations, ship_times) VALUES"
                + " (:shop, :period, :orders, :gmv, :shipped, :onTime, :shipSeconds, :breaches,"
                + " :cancellations, :shipTimes)",
            fulfilmentRow(orders, shop, day, null));
      }
      writeSkuRows(named, 'D', shop, day, skus);
      if (!afterSales.isEmpty()) {
        afterSales.forEach(row -> row.addValue("shop", shop).addValue("day", Date.valueOf(day)));
        named.batchUpdate(
            "INSERT INTO report_after_sales_days (shop_id, day, type, reason, status, cases,"
                + " asked_fen, paid_fen, refunded, rejected, handled, handling_seconds, missed)"
                + " VALUES (:shop, :day, :type, :reason, :status, :cases, :asked_fen, :paid_fen,"
                + " :refunded, :rejected, :handled, :handling_seconds, :missed)",
            afterSales.toArray(SqlParameterSource[]::new));
      }
    }
  }

  private static void writeSkuRows(
      final NamedParameterJdbcTemplate named,
      final char grain,
      final String shop,
      final LocalDate period,
      final Map<String, FulfilmentSums> skus) {
    if (skus.isEmpty()) {
      return;
    }
    named.batchUpdate(
        "INSERT INTO report_sku_facts (grain, shop_id, period, sku, orders, units, gmv_fen,"
            + " shipped, shipped_on_time, ship_seconds, breaches, cancellations, ship_times)"
            + " VALUES (:grain, :shop, :period, :sku, :orders, :units, :gmv, :shipped, :onTime,"
            + " :shipSeconds, :breaches, :cancellations, :shipTimes)",
        skus.entrySet().stream()
            .map(
                e ->
                    fulfilmentRow(e.getValue(), shop, period, e.getKey())
                        .addValue("grain", String.valueOf(grain)))
            .toArray(SqlParameterSource[]::new));
  }

  private static MapSqlParameterSource fulfilmentRow(
      final FulfilmentSums sums, final String shop, final LocalDate period, final String sku) {
    return new MapSqlParameterSource()
        .addValue("shop", shop)
        .addValue("period", Date.valueOf(period))
        .addValue("sku", sku)
        .addValue("orders", sums.orders)
        .addValue("units", sums.units)
        .addValue("gmv", sums.gmvFen)
        .addValue("shipped", sums.shipped)
        .addValue("onTime", sums.onTime)
        .addValue("shipSeconds", sums.shipSeconds)
        .addValue("breaches", sums.breaches)
        .addValue("cancellations", sums.cancellations)
        .addValue("shipTimes", sums.shipTimes.encode());
  }

  /** A month of a shop; built from any day of it. */
  private record ShopMonth(String shop, YearMonth month) {
    ShopMonth(final String shop, final LocalDate day) {
      this(shop, YearMonth.from(day));
    }
  }

  /**
   * Rolls up the SKU facts of every complete month whose days all settled and whose rollup is
   * missing or was touched in this round; drops the rollup of a month with a day no longer settled.
   */
  private int rollUpMonths(final Set<ShopMonth> touched, final Instant now) {
    final LocalDate examinedThrough = examinedThrough(Subject.ORDERS);
    if (examinedThrough == null) {
      return 0;
    }
    // per shop and month: whether every examined day with orders settled
    final Map<ShopMonth, Boolean> allSettled = new HashMap<>();
    jdbc.sql(
            "SELECT shop_id, MIN(day) AS first_day, MIN(CASE WHEN settled THEN 1 ELSE 0 END) AS"
                + " all_settled FROM report_days WHERE subject = 'ORDERS' GROUP BY shop_id,"
                + " YEAR(day), MONTH(day)")
        .query(
            (RowCallbackHandler)
                rs ->
                    allSettled.put(
                        new ShopMonth(
                            rs.getString("shop_id"), rs.getDate("first_day").toLocalDate()),
                        rs.getInt("all_settled") == 1));
    final Set<ShopMonth> rolledUp = new HashSet<>();
    jdbc.sql("SELECT shop_id, month FROM report_sku_months")
        .query(
            (RowCallbackHandler)
                rs ->
                    rolledUp.add(
                        new ShopMonth(rs.getString("shop_id"), rs.getDate("month").toLocalDate())));
    int built = 0;
    final Set<ShopMonth> candidates = new HashSet<>(allSettled.keySet());
    candidates.addAll(rolledUp);
    for (final ShopMonth month : candidates) {
      final boolean complete =
          !month.month().atEndOfMonth().isAfter(examinedThrough)
              && allSettled.getOrDefault(month, false);
      final boolean current = rolledUp.contains(month) && !touched.contains(month);
      if (complete && !current) {
        rollUp(month, now);
        built++;
      } else if (!complete && rolledUp.contains(month)) {
        transactions.executeWithoutResult(status -> deleteRollup(month));
      }
    }
    return built;
  }

  private void rollUp(final ShopMonth month, final Instant now) {
    final Map<String, FulfilmentSums> skus = new HashMap<>();
    jdbc.sql(
            "SELECT sku, orders, units, gmv_fen, shipped, shipped_on_time, ship_seconds, breaches,"
                + " cancellations, ship_times FROM report_sku_facts WHERE grain = 'D' AND shop_id"
                + " = :shop AND period >= :from AND period <= :to")
        .param("shop", month.shop())
        .param("from", Date.valueOf(month.month().atDay(1)))
        .param("to", Date.valueOf(month.month().atEndOfMonth()))
        .query(
            (RowCallbackHandler)
                rs ->
                    skus.computeIfAbsent(rs.getString("sku"), k -> new FulfilmentSums())
                        .addFactRow(rs));
    transactions.executeWithoutResult(
        status -> {
          deleteRollup(month);
          writeSkuRows(named, 'M', month.shop(), month.month().atDay(1), skus);
          jdbc.sql(
                  "INSERT INTO report_sku_months (shop_id, month, refreshed_at) VALUES (:shop,"
                      + " :month, :at)")
              .param("shop", month.shop())
              .param("month", Date.valueOf(month.month().atDay(1)))
              .param("at", Sql.timestamp(now))
              .update();
        });
  }

  private void deleteRollup(final ShopMonth month) {
    final Map<String, Object> params =
        Map.of("shop", month.shop(), "month", Date.valueOf(month.month().atDay(1)));
    jdbc.sql(
            "DELETE FROM report_sku_facts WHERE grain = 'M' AND shop_id = :shop AND period ="
                + " :month")
        .params(params)
        .update();
    jdbc.sql("DELETE FROM report_sku_months WHERE shop_id = :shop AND month = :month")
        .params(params)
        .update();
  }

  private LocalDate day(final Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }
}
