package io.pinflow.api.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.domain.report.ReportFacts;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Report timings over a generated history of about a million orders: starts Pinflow in embedded
 * mode on free ports with its own data folder ({@code target/benchmark-data}, kept between runs),
 * generates the history through {@code POST /api/admin/sample-data} unless the folder already holds
 * it, then calls each report over HTTP (2 warm-up and 10 timed calls) and tabulates the rows of the
 * answer, the median and the slowest call.
 *
 * <p>The {@code reports} part of {@link Benchmarks} (docs/benchmarks.md). System properties: {@code
 * benchmark.months} (12), {@code benchmark.orders-per-day} (2700), {@code benchmark.seed} (42),
 * {@code benchmark.data-dir}, {@code benchmark.warm-ups} (2), {@code benchmark.runs} (10); reports
 * to time are chosen in {@code benchmark.only} (e.g. {@code fulfilment:sku,after-sales:day}; all by
 * default).
 */
final class ReportBenchmark {

  static final String PART = "reports";
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final long TARGET_MS = 500;

  /** The target holds over about a million orders (12 months x 2,700 a day: 984,888). */
  private static final long MILLION_ORDERS = 950_000;

  private final Http http;

  private ReportBenchmark(final Http http) {
    this.http = http;
  }

  record Timing(String report, String groupBy, String range, String rows, long p50, long max) {}

  static PartResult run(final BenchmarkSettings settings) throws Exception {
    final BenchmarkSettings.Reports options = settings.reportSettings();
    final List<String> only = settings.reports();
    final Path dataDir = options.dataDir();
    final PartResult result = new PartResult(PART);
    try (PinflowUnderTest app =
            PinflowUnderTest.start(dataDir, false, settings.applicationArguments());
        Http http = new Http(app.baseUrl())) {
      final JdbcClient jdbc = app.jdbc();
      final ReportBenchmark benchmark = new ReportBenchmark(http);

      // the history: about months x 30.4 x ordersPerDay orders, generated once per data folder
      final long wanted = Math.round(options.months() * 30.4 * options.ordersPerDay() * 0.97);
      final long existing = count(jdbc, "SELECT COUNT(*) FROM orders WHERE source = 'SAMPLE'");
      final String generation;
      if (existing >= wanted) {
        generation =
            "skipped: "
                + existing
                + " sample orders already in "
                + dataDir
                + " (wanted "
                + wanted
                + ")";
      } else {
        generation =
            SampleHistory.generate(http, options.months(), options.ordersPerDay(), options.seed());
      }

      final String facts = countIntoFacts(app.bean(ReportFacts.class));
      System.out.println("Report facts: " + facts);

      final long orders = count(jdbc, "SELECT COUNT(*) FROM orders");
      final Map<String, Long> rows = new LinkedHashMap<>();
      for (final String table :
          List.of("orders", "order_lines", "shipments", "after_sales", "skus", "stock")) {
        rows.put(table, count(jdbc, "SELECT COUNT(*) FROM " + table));
      }

      final LocalDate today = LocalDate.now(ZONE);
      final Map<String, String[]> ranges = new LinkedHashMap<>();
      ranges.put(
          options.months() + " months",
          new String[] {today.minusMonths(options.months()).toString(), today.toString()});
      ranges.put("30 days", new String[] {today.minusDays(30).toString(), today.toString()});
      final List<Timing> timings = new ArrayList<>();
      final List<String> notes = new ArrayList<>();
      final List<String[]> reports = new ArrayList<>();
      for (final String groupBy : List.of("day", "shop", "sku")) {
        reports.add(new String[] {"fulfilment", groupBy});
      }
      for (final String groupBy : List.of("day", "shop", "type", "reason", "outcome")) {
        reports.add(new String[] {"after-sales", groupBy});
      }
      for (final var range : ranges.entrySet()) {
        for (final String[] report : reports) {
          if (!only.isEmpty() && !only.contains(report[0] + ":" + report[1])) {
            continue;
          }
          final Timing timing =
              benchmark.time(
                  report[0],
                  report[1],
                  range.getKey(),
                  range.getValue(),
                  options.warmUps(),
                  options.runs(),
                  notes);
          timings.add(timing);
          final String name =
              "%s by %s, %s: p50".formatted(timing.report(), timing.groupBy(), timing.range());
          final String value =
              timing.p50() + " ms (max " + timing.max() + " ms, " + timing.rows() + " rows)";
          if (orders >= MILLION_ORDERS) {
            result.judged(name, value, "≤ " + TARGET_MS + " ms", timing.p50() <= TARGET_MS);
          } else {
            // the target is for a history of a million orders; a smaller one proves nothing
            result.info(name, value);
          }
        }
      }

      result
          .detail("Application start " + app.startup().toMillis() + " ms.")
          .detail("Generation: " + generation + ".")
          .detail("Report facts: " + facts + ".")
          .detail("Rows: " + rows + ".")
          .detail(
              "Timed calls per report: "
                  + options.runs()
                  + " after "
                  + options.warmUps()
                  + " warm-up calls.")
          .detail("")
          .detail("| report | groupBy | range | rows | p50 ms | max ms |")
          .detail("|---|---|---|---:|---:|---:|");
      for (final Timing t : timings) {
        result.detail(row(t));
      }
      notes.forEach(note -> result.detail("").detail("Note: " + note));
    }
    return result;
  }

  /**
   * Counts every settled day into the report facts before timing (generated history is counted at
   * the end of its job; a data folder from before the facts existed is counted here).
   */
  private static String countIntoFacts(final ReportFacts facts) throws InterruptedException {
    final long begin = System.nanoTime();
    ReportFacts.Refresh refresh;
    while ((refresh = facts.refresh()).skipped()) {
      Thread.sleep(500);
    }
    return refresh.daysSettled()
        + " shop days settled and "
        + refresh.monthsRolledUp()
        + " SKU months rolled up in "
        + (System.nanoTime() - begin) / 1_000_000
        + " ms";
  }

  private static String row(final Timing t) {
    return String.format(
        "| %s | %s | %s | %s | %d | %d |",
        t.report(), t.groupBy(), t.range(), t.rows(), t.p50(), t.max());
  }

  private Timing time(
      final String report,
      final String groupBy,
      final String rangeName,
      final String[] range,
      final int warmUps,
      final int runs,
      final List<String> notes) {
    final String path =
        "/api/reports/" + report + "?from=" + range[0] + "&to=" + range[1] + "&groupBy=" + groupBy;
    String rows = "?";
    final long[] millis = new long[runs];
    for (int i = 0; i < warmUps + runs; i++) {
      final Http.Answer response = http.get(path);
      final long elapsed = response.nanos() / 1_000_000;
      if (response.status() != 200) {
        rows = "HTTP " + response.status();
        if (i == 0) {
          notes.add(path + " answered HTTP " + response.status() + ": timings are of that answer");
        }
      } else {
        final JsonNode body = response.json();
        rows = body.isArray() ? Integer.toString(body.size()) : "(not a list)";
      }
      if (i >= warmUps) {
        millis[i - warmUps] = elapsed;
      }
    }
    Arrays.sort(millis);
    return new Timing(report, groupBy, rangeName, rows, millis[(runs - 1) / 2], millis[runs - 1]);
  }

  private static long count(final JdbcClient jdbc, final String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
