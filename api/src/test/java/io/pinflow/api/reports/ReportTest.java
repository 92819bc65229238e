package io.pinflow.api.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.domain.report.ReportFacts;
import io.pinflow.domain.report.ReportFacts.Subject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports over known history written straight to the tables of one shop of its own: every figure of
 * every row checked, CSV against JSON, the shop boundary and bad parameters.
 */
@PinflowIntegrationTest
class ReportTest {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000_000L);
  private static final String RANGE = "from=2026-10-01&to=2026-10-02";
  private static final OffsetDateTime DAY_ONE = OffsetDateTime.parse("2026-10-01T10:00:00+08:00");

  /** 00:30 in Shanghai on the second day: still the first day in UTC. */
  private static final OffsetDateTime DAY_TWO = OffsetDateTime.parse("2026-10-02T00:30:00+08:00");

  @Autowired TestApi api;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired ReportFacts facts;

  private String shop;
  private Caller analyst;

  @BeforeEach
  void history() {
    shop = api.ensureShop("report-shop-" + SERIAL.incrementAndGet());
    analyst = api.ensureUser("analyst-" + shop, List.of("ANALYST"), List.of(shop));
    // one transaction: the report facts never see half of the history
    transactions.executeWithoutResult(status -> writeHistory());
  }

  private void writeHistory() {
    // day one: on time, late, cancelled, unshipped past its deadline
    order("o1", DAY_ONE, "COMPLETED", 10_000, Duration.ofMinutes(170), line("SKU-A", 2, 5000));
    order("o2", DAY_ONE, "COMPLETED", 3_000, Duration.ofMinutes(3050), line("SKU-B", 1, 3000));
    order("o3", DAY_ONE, "CANCELLED", 2_000, null, line("SKU-A", 1, 2000));
    order("o4", DAY_ONE, "RESERVED", 4_000, null, line("SKU-B", 2, 2000));
    // day two
    order("o5", DAY_TWO, "SHIPPED", 5_000, Duration.ofMinutes(350), line("SKU-A", 1, 5000));
    afterSales("a1", "o1", "RETURN_REFUND", "尺码不合适", 5000, 5000L, "REFUNDED", DAY_ONE, 24, false);
    afterSales("a2", "o2", "REFUND_ONLY", "质量问题", 3000, null, "REJECTED", DAY_ONE, 10, true);
    afterSales("a3", "o5", "REFUND_ONLY", "质量问题", 2000, null, "OPEN", DAY_TWO, null, false);
  }

  @Test
  void fulfilmentByDayCountsEveryFigureInShanghaiDays() {
    final JsonNode rows = report("fulfilment", "day");

    assertThat(rows).hasSize(2);
    assertRow(
        rows.get(0),
        "2026-10-01",
        "orders=4 units=null gmvFen=17000 shipped=2 shippedOnTime=1 onTimePercent=50.00"
            + " avgHoursToShip=26.83 p90HoursToShip=51.00 deadlineBreaches=2 cancellations=1");
    assertRow(
        rows.get(1),
        "2026-10-02",
        "orders=1 units=null gmvFen=5000 shipped=1 shippedOnTime=1 onTimePercent=100.00"
            + " avgHoursToShip=5.83 p90HoursToShip=6.00 deadlineBreaches=0 cancellations=0");
  }

  @Test
  void fulfilmentBySkuAndByShop() {
    final JsonNode skus = report("fulfilment", "sku");
    assertThat(skus).hasSize(2);
    assertRow(
        skus.get(0),
        "SKU-A-" + shop,
        "orders=3 units=3 gmvFen=15000 shipped=2 shippedOnTime=2 onTimePercent=100.00"
            + " avgHoursToShip=4.33 p90HoursToShip=6.00 deadlineBreaches=0 cancellations=1");
    assertRow(
        skus.get(1),
        "SKU-B-" + shop,
        "orders=2 units=3 gmvFen=7000 shipped=1 shippedOnTime=0 onTimePercent=0.00"
            + " avgHoursToShip=50.83 p90HoursToShip=51.00 deadlineBreaches=2 cancellations=0");

    final JsonNode shops = report("fulfilment", "shop");
    assertThat(shops).hasSize(1);
    assertRow(
        shops.get(0),
        shop,
        "orders=5 units=null gmvFen=22000 shipped=3 shippedOnTime=2 onTimePercent=66.67"
            + " avgHoursToShip=19.83 p90HoursToShip=51.00 deadlineBreaches=2 cancellations=1");
  }

  @Test
  void afterSalesByDayReasonAndOutcome() {
    final JsonNode days = report("after-sales", "day");
    assertThat(days).hasSize(2);
    assertRow(
        days.get(0),
        "2026-10-01",
        "cases=2 refundAmountFen=8000 refundedAmountFen=5000 refunded=1 rejected=1 open=0"
            + " avgHandlingHours=17.00 missedDeadlines=1 refundRatePercent=25.00");
    assertRow(
        days.get(1),
        "2026-10-02",
        "cases=1 refundAmountFen=2000 refundedAmountFen=0 refunded=0 rejected=0 open=1"
            + " avgHandlingHours=null missedDeadlines=0 refundRatePercent=0.00");

    final JsonNode reasons = report("after-sales", "reason");
    assertThat(reasons).hasSize(2);
    final Map<String, JsonNode> byReason = byKey(reasons);
    assertRow(
        byReason.get("尺码不合适"),
        "尺码不合适",
        "cases=1 refundAmountFen=5000 refundedAmountFen=5000 refunded=1 rejected=0 open=0"
            + " avgHandlingHours=24.00 missedDeadlines=0 refundRatePercent=20.00");
    assertRow(
        byReason.get("质量问题"),
        "质量问题",
        "cases=2 refundAmountFen=5000 refundedAmountFen=0 refunded=0 rejected=1 open=1"
            + " avgHandlingHours=10.00 missedDeadlines=1 refundRatePercent=0.00");

    final Map<String, JsonNode> outcomes = byKey(report("after-sales", "outcome"));
    assertThat(outcomes.keySet()).containsExactlyInAnyOrder("OPEN", "REFUNDED", "REJECTED");
    assertThat(outcomes.get("REFUNDED").path("refundedAmountFen").asLong()).isEqualTo(5000);
    final Map<String, JsonNode> types = byKey(report("after-sales", "type"));
    assertThat(types.get("REFUND_ONLY").path("cases").asLong()).isEqualTo(2);
    assertThat(types.get("RETURN_REFUND").path("cases").asLong()).isEqualTo(1);
  }

  @Test
  void settledDaysAndMonthsAreReadFromTheFactsWithTheSameFigures() {
    // the unshipped order leaves late: every order of October has shipped or was cancelled
    jdbc.sql("UPDATE orders SET status = 'SHIPPED', shipped_at = :at WHERE order_sn = :sn")
        .param("at", Timestamp.from(DAY_ONE.toInstant().plus(Duration.ofHours(60))))
        .param("sn", "o4-" + shop)
        .update();
    final Map<String, JsonNode> fromRows = everyReport();
    assertThat(fromRows.get(MONTH + "fulfilment/sku")).hasSize(2);

    countIntoFacts(Subject.ORDERS, Subject.AFTER_SALES);

    assertThat(settledDays("ORDERS")).containsExactly("2026-10-01=true", "2026-10-02=true");
    // a case of the second day is still open: that day is counted from the cases
    assertThat(settledDays("AFTER_SALES")).containsExactly("2026-10-01=true", "2026-10-02=false");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM report_sku_months WHERE shop_id = :shop")
                .param("shop", shop)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(everyReport()).isEqualTo(fromRows);

    // the reports do read the facts: a day row and a month row, each raised by 1000 orders
    jdbc.sql(
            "UPDATE report_order_days SET orders = orders + 1000 WHERE shop_id = :shop AND day ="
                + " '2026-10-01'")
        .param("shop", shop)
        .update();
    jdbc.sql(
            "UPDATE report_sku_facts SET orders = orders + 1000 WHERE grain = 'M' AND shop_id ="
                + " :shop AND sku = :sku")
        .param("shop", shop)
        .param("sku", "SKU-A-" + shop)
        .update();
    assertThat(report("fulfilment", "day").get(0).path("orders").asLong()).isEqualTo(1004);
    assertThat(byKey(monthReport("sku")).get("SKU-A-" + shop).path("orders").asLong())
        .isEqualTo(1003);

    // a late order on a settled day: counted from the rows at once, then into the facts again
    transactions.executeWithoutResult(
        status -> {
          order("o6", DAY_ONE, "COMPLETED", 1_000, Duration.ofMinutes(60), line("SKU-A", 1, 1000));
          facts.invalidate(
              Subject.ORDERS, shop, DAY_ONE.toInstant(), DAY_ONE.toInstant().plusSeconds(1));
        });
    assertThat(report("fulfilment", "day").get(0).path("orders").asLong()).isEqualTo(5);
    assertThat(byKey(monthReport("sku")).get("SKU-A-" + shop).path("orders").asLong()).isEqualTo(4);
    countIntoFacts(Subject.ORDERS);
    assertThat(report("fulfilment", "day").get(0).path("orders").asLong()).isEqualTo(5);
    assertThat(byKey(monthReport("sku")).get("SKU-A-" + shop).path("orders").asLong()).isEqualTo(4);
    assertThat(
            jdbc.sql(
                    "SELECT orders FROM report_sku_facts WHERE grain = 'M' AND shop_id = :shop AND"
                        + " sku = :sku")
                .param("shop", shop)
                .param("sku", "SKU-A-" + shop)
                .query(Long.class)
                .single())
        .isEqualTo(4);
  }

  @Test
  void csvCarriesTheSameRowsAndValuesAsJson() {
    for (final String[] report :
        List.of(
            new String[] {"fulfilment", "day"},
            new String[] {"fulfilment", "sku"},
            new String[] {"after-sales", "reason"},
            new String[] {"after-sales", "day"})) {
      final String path = path(report[0], report[1]);
      final JsonNode json = api.get(path, analyst).body();
      final TestApi.Answer csv =
          api.exchange(HttpMethod.GET, path, null, analyst, MediaType.parseMediaType("text/csv"));

      assertThat(csv.status()).as(csv.raw()).isEqualTo(200);
      assertThat(csv.headers().getContentType().toString()).startsWith("text/csv");
      final List<List<String>> lines = csv(csv.raw());
      assertThat(lines).hasSize(json.size() + 1);
      final List<String> header = lines.get(0);
      assertThat(header).containsExactlyElementsOf(fieldNames(json.get(0)));
      for (int row = 0; row < json.size(); row++) {
        for (int column = 0; column < header.size(); column++) {
          final JsonNode value = json.get(row).path(header.get(column));
          assertThat(lines.get(row + 1).get(column))
              .as(report[0] + " " + report[1] + " row " + row + " " + header.get(column))
              .isEqualTo(value.isNull() ? "" : value.asText());
        }
      }
    }
  }

  @Test
  void theShopBoundaryAppliesToReports() {
    final Caller elsewhere =
        api.ensureUser("analyst-elsewhere", List.of("ANALYST"), List.of("demo-shop"));

    assertThat(api.get(path("fulfilment", "day"), elsewhere).body()).isEmpty();
    assertThat(api.get("/api/reports/fulfilment?" + RANGE + "&groupBy=shop", elsewhere).body())
        .noneMatch(row -> row.path("key").asText().equals(shop));
    assertThat(api.get(path("after-sales", "day"), elsewhere).body()).isEmpty();
    assertThat(api.get(path("fulfilment", "day"), api.userWithRole("WAREHOUSE")).status())
        .isEqualTo(403);
  }

  @Test
  void badParametersAreRefusedByField() {
    assertField("/api/reports/fulfilment?groupBy=week", "groupBy");
    assertField("/api/reports/fulfilment?groupBy=reason", "groupBy");
    assertField("/api/reports/after-sales?groupBy=sku", "groupBy");
    assertField("/api/reports/fulfilment?from=2026-10-05&to=2026-10-01", "to");
    assertField("/api/reports/fulfilment?from=yesterday", "from");
    assertField("/api/reports/fulfilment?from=2020-01-01&to=2026-10-01", "from");
  }

  // ---- helpers

  private static final String MONTH = "from=2026-10-01&to=2026-10-31 ";

  /** Every grouping of both reports over the two days, and by SKU and in total over October. */
  private Map<String, JsonNode> everyReport() {
    final Map<String, JsonNode> reports = new LinkedHashMap<>();
    for (final String groupBy : List.of("day", "shop", "sku", "total")) {
      reports.put("fulfilment/" + groupBy, report("fulfilment", groupBy));
    }
    for (final String groupBy : List.of("day", "shop", "type", "reason", "outcome", "total")) {
      reports.put("after-sales/" + groupBy, report("after-sales", groupBy));
    }
    reports.put(MONTH + "fulfilment/sku", monthReport("sku"));
    reports.put(MONTH + "fulfilment/total", monthReport("total"));
    return reports;
  }

  private JsonNode monthReport(final String groupBy) {
    final TestApi.Answer answer =
        api.get(
            "/api/reports/fulfilment?" + MONTH.strip() + "&groupBy=" + groupBy + "&shopId=" + shop,
            analyst);
    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    return answer.body();
  }

  /** Names this shop's history for counting again and runs a round of the refresh. */
  private void countIntoFacts(final Subject... subjects) {
    for (final Subject subject : subjects) {
      facts.invalidate(
          subject,
          shop,
          DAY_ONE.toInstant().minus(Duration.ofDays(1)),
          DAY_TWO.toInstant().plus(Duration.ofDays(1)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> !facts.refresh().skipped());
  }

  private List<String> settledDays(final String subject) {
    return jdbc.sql(
            "SELECT day, settled FROM report_days WHERE subject = :subject AND shop_id = :shop"
                + " ORDER BY day")
        .param("subject", subject)
        .param("shop", shop)
        .query((rs, row) -> rs.getDate("day") + "=" + rs.getBoolean("settled"))
        .list();
  }

  private void assertField(final String path, final String field) {
    final TestApi.Answer answer = api.get(path, analyst);
    assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
    assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
  }

  private JsonNode report(final String report, final String groupBy) {
    final TestApi.Answer answer = api.get(path(report, groupBy), analyst);
    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    return answer.body();
  }

  private String path(final String report, final String groupBy) {
    return "/api/reports/" + report + "?" + RANGE + "&groupBy=" + groupBy + "&shopId=" + shop;
  }

  /** {@code "field=value ..."}: each field of the row as text ("null" for null). */
  private static void assertRow(final JsonNode row, final String key, final String expected) {
    assertThat(row.path("key").asText()).isEqualTo(key);
    final Map<String, String> actual = new LinkedHashMap<>();
    for (final String pair : expected.split(" ")) {
      final String field = pair.substring(0, pair.indexOf('='));
      final JsonNode value = row.path(field);
      actual.put(field, value.isNull() ? "null" : value.asText());
    }
    assertThat(
            String.join(
                " ", actual.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))
        .isEqualTo(expected);
  }

  private static Map<String, JsonNode> byKey(final JsonNode rows) {
    final Map<String, JsonNode> map = new LinkedHashMap<>();
    rows.forEach(row -> map.put(row.path("key").asText(), row));
    return map;
  }

  private static List<String> fieldNames(final JsonNode row) {
    final List<String> names = new ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Splits RFC 4180 CSV (quoted fields may hold commas and quotes), dropping a byte-order mark. */
  private static List<List<String>> csv(final String text) {
    final List<List<String>> lines = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    final StringBuilder field = new StringBuilder();
    boolean quoted = false;
    final String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    for (int i = 0; i < body.length(); i++) {
      final char c = body.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        lines.add(fields);
        fields = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    return lines;
  }

  private static String[] line(final String sku, final int quantity, final long priceFen) {
    return new String[] {sku, Integer.toString(quantity), Long.toString(priceFen)};
  }

  private void order(
      final String name,
      final OffsetDateTime confirm,
      final String status,
      final long payFen,
      final Duration shippedAfter,
      final String[] line) {
    final String orderSn = name + "-" + shop;
    final Instant confirmed = confirm.toInstant();
    jdbc.sql(
            "INSERT INTO orders (order_sn, shop_id, status, source, confirm_time, last_ship_time,"
                + " pay_amount_fen, goods_amount_fen, shipped_at, cancelled_at, created_at,"
                + " updated_at) VALUES (:sn, :shop, :status, 'API', :confirm, :lastShip, :pay,"
                + " :pay, :shipped, :cancelled, :confirm, :confirm)")
        .param("sn", orderSn)
        .param("shop", shop)
        .param("status", status)
        .param("confirm", Timestamp.from(confirmed))
        .param("lastShip", Timestamp.from(confirmed.plus(Duration.ofHours(48))))
        .param("pay", payFen)
        .param(
            "shipped", shippedAfter == null ? null : Timestamp.from(confirmed.plus(shippedAfter)))
        .param(
            "cancelled",
            "CANCELLED".equals(status) ? Timestamp.from(confirmed.plusSeconds(600)) : null)
        .update();
    jdbc.sql(
            "INSERT INTO order_lines (order_sn, line_no, outer_sku_id, quantity, price_fen)"
                + " VALUES (:sn, 1, :sku, :quantity, :price)")
        .param("sn", orderSn)
        .param("sku", line[0] + "-" + shop)
        .param("quantity", Integer.parseInt(line[1]))
        .param("price", Long.parseLong(line[2]))
        .update();
  }

  private void afterSales(
      final String name,
      final String order,
      final String type,
      final String reason,
      final long askedFen,
      final Long refundedFen,
      final String status,
      final OffsetDateTime opened,
      final Integer closedAfterHours,
      final boolean missed) {
    final Instant at = opened.toInstant().plusSeconds(7200);
    jdbc.sql(
            "INSERT INTO after_sales (after_sales_id, shop_id, order_sn, type, status, source,"
                + " reason, refund_amount_fen, refunded_amount_fen, expire_time, order_shipped,"
                + " missed_deadline, opened_at, closed_at, updated_at) VALUES (:id, :shop, :sn,"
                + " :type, :status, 'API', :reason, :asked, :refunded, :expire, TRUE, :missed,"
                + " :opened, :closed, :opened)")
        .param("id", name + "-" + shop)
        .param("shop", shop)
        .param("sn", order + "-" + shop)
        .param("type", type)
        .param("status", status)
        .param("reason", reason)
        .param("asked", askedFen)
        .param("refunded", refundedFen)
        .param("expire", Timestamp.from(at.plus(Duration.ofHours(48))))
        .param("missed", missed)
        .param("opened", Timestamp.from(at))
        .param(
            "closed",
            closedAfterHours == null
                ? null
                : Timestamp.from(at.plus(Duration.ofHours(closedAfterHours))))
        .update();
  }
}
