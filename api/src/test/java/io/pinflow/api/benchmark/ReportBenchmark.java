package io.pinflow.api.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.PinflowApplication;
import io.pinflow.domain.report.ReportFacts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Report timings over a generated history of about a million orders: starts Pinflow in embedded
 * mode on free ports with its own data folder ({@code target/benchmark-data}, kept between runs),
 * generates the history through {@code POST /api/admin/sample-data} unless the folder already holds
 * it, then calls each report over HTTP (2 warm-up and 10 timed calls) and prints a table (also
 * written next to the data folder, {@code benchmark-results.md}).
 *
 * <p>Run it with {@code ./mvnw -B -Pbenchmarks -pl api verify} (docs/benchmarks.md). System
 * properties: {@code benchmark.months} (12), {@code benchmark.orders-per-day} (2700), {@code
 * benchmark.seed} (42), {@code benchmark.data-dir}, {@code benchmark.warm-ups} (2), {@code
 * benchmark.runs} (10), {@code benchmark.only} (reports to time, e.g. {@code
 * fulfilment:sku,after-sales:day}; all by default).
 */
public final class ReportBenchmark {

  static final String ADMIN_PASSWORD = "benchmark-admin-password";
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String authorization =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

  private ReportBenchmark(final int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Timing(String report, String groupBy, String range, String rows, long p50, long max) {}

  public static void main(final String[] args) throws Exception {
    final int months = Integer.getInteger("benchmark.months", 12);
    final int ordersPerDay = Integer.getInteger("benchmark.orders-per-day", 2_700);
    final long seed = Long.getLong("benchmark.seed", 42L);
    final int warmUps = Integer.getInteger("benchmark.warm-ups", 2);
    final int runs = Integer.getInteger("benchmark.runs", 10);
    // e.g. fulfilment:sku,after-sales:day; empty: every report
    final List<String> only =
        Arrays.stream(System.getProperty("benchmark.only", "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    final Path dataDir =
        Path.of(System.getProperty("benchmark.data-dir", "target/benchmark-data")).toAbsolutePath();

    final long startupBegin = System.nanoTime();
    final ConfigurableApplicationContext app =
        new SpringApplicationBuilder(PinflowApplication.class)
            .initializers(
                context ->
                    context
                        .getBeanFactory()
                        .registerSingleton("benchmarkLeavesOutTestHelpers", new TestHelpers()))
            // as command-line arguments: they outrank application.yml and the environment
            .run(
                "--pinflow.mode=embedded",
                "--pinflow.embedded.data-dir=" + dataDir,
                "--pinflow.embedded.engine.port=0",
                "--pinflow.embedded.database.port=0",
                "--pinflow.admin-password=" + ADMIN_PASSWORD,
                "--pinflow.sample-data.generate=false",
                "--server.port=0");
    int exit = 0;
    try {
      final long startupMs = (System.nanoTime() - startupBegin) / 1_000_000;
      final int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      final JdbcClient jdbc = app.getBean(JdbcClient.class);
      final ReportBenchmark benchmark = new ReportBenchmark(port);

      // the history: about months x 30.4 x ordersPerDay orders, generated once per data folder
      final long wanted = Math.round(months * 30.4 * ordersPerDay * 0.97);
      final long existing = count(jdbc, "SELECT COUNT(*) FROM orders WHERE source = 'SAMPLE'");
      String generation;
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
        generation = benchmark.generate(months, ordersPerDay, seed);
      }

      final String facts = countIntoFacts(app.getBean(ReportFacts.class));
      System.out.println("Report facts: " + facts);

      final Map<String, Long> rows = new LinkedHashMap<>();
      for (final String table :
          List.of("orders", "order_lines", "shipments", "after_sales", "skus", "stock")) {
        rows.put(table, count(jdbc, "SELECT COUNT(*) FROM " + table));
      }

      final LocalDate today = LocalDate.now(ZONE);
      final Map<String, String[]> ranges = new LinkedHashMap<>();
      ranges.put(
          months + " months",
          new String[] {today.minusMonths(months).toString(), today.toString()});
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
                  report[0], report[1], range.getKey(), range.getValue(), warmUps, runs, notes);
          timings.add(timing);
          System.out.println("Timed: " + row(timing));
        }
      }

      final StringBuilder out = new StringBuilder();
      out.append(System.lineSeparator())
          .append("Report benchmark: ")
          .append(Runtime.getRuntime().availableProcessors())
          .append(" cores, Java ")
          .append(Runtime.version())
          .append(", application start ")
          .append(startupMs)
          .append(" ms")
          .append(System.lineSeparator())
          .append("Generation: ")
          .append(generation)
          .append(System.lineSeparator())
          .append("Report facts: ")
          .append(facts)
          .append(System.lineSeparator())
          .append("Rows: ")
          .append(rows)
          .append(System.lineSeparator())
          .append("Timed calls per report: ")
          .append(runs)
          .append(" after ")
          .append(warmUps)
          .append(" warm-up calls")
          .append(System.lineSeparator())
          .append(System.lineSeparator())
          .append("| report | groupBy | range | rows | p50 ms | max ms |")
          .append(System.lineSeparator())
          .append("|---|---|---|---:|---:|---:|")
          .append(System.lineSeparator());
      for (final Timing t : timings) {
        out.append(row(t)).append(System.lineSeparator());
      }
      notes.forEach(note -> out.append("Note: ").append(note).append(System.lineSeparator()));
      System.out.println(out);
      final Path results = dataDir.resolveSibling("benchmark-results.md");
      Files.writeString(results, out.toString());
      System.out.println("Written to " + results);
    } catch (final Exception e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      app.close();
    }
    // libraries may leave non-daemon threads behind
    System.exit(exit);
  }

  /** The test helpers on the test classpath are no part of the application. */
  static final class TestHelpers extends TypeExcludeFilter {

    @Override
    public boolean match(final MetadataReader reader, final MetadataReaderFactory factory) {
      return reader.getClassMetadata().getClassName().startsWith("io.pinflow.api.testing.");
    }

    @Override
    public boolean equals(final Object other) {
      return other instanceof TestHelpers;
    }

    @Override
    public int hashCode() {
      return TestHelpers.class.hashCode();
    }
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

  private String generate(final int months, final int ordersPerDay, final long seed)
      throws IOException, InterruptedException {
    final String body =
        JSON.writeValueAsString(
            Map.of("months", months, "ordersPerDay", ordersPerDay, "seed", seed));
    final HttpResponse<String> started =
        http.send(
            request("/api/admin/sample-data")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 202) {
      throw new IllegalStateException(
          "sample data was not started: HTTP " + started.statusCode() + " " + started.body());
    }
    final String jobId = JSON.readTree(started.body()).path("jobId").asText();
    System.out.println("Generating sample data: job " + jobId + " " + body);
    while (true) {
      Thread.sleep(2_000);
      final JsonNode job =
          JSON.readTree(
              http.send(
                      request("/api/admin/sample-data/" + jobId).GET().build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      final String status = job.path("status").asText();
      if (status.equals("FAILED")) {
        throw new IllegalStateException("sample data failed: " + job.path("error").asText());
      }
      if (status.equals("DONE")) {
        return String.format(
            "%d orders and %d after-sales cases in %.1f s (months %d, ordersPerDay %d, seed %d)",
            job.path("ordersWritten").asLong(),
            job.path("afterSalesWritten").asLong(),
            job.path("elapsedMs").asLong() / 1000.0,
            months,
            ordersPerDay,
            seed);
      }
    }
  }

  private Timing time(
      final String report,
      final String groupBy,
      final String rangeName,
      final String[] range,
      final int warmUps,
      final int runs,
      final List<String> notes)
      throws IOException, InterruptedException {
    final String path =
        "/api/reports/" + report + "?from=" + range[0] + "&to=" + range[1] + "&groupBy=" + groupBy;
    String rows = "?";
    final long[] millis = new long[runs];
    for (int i = 0; i < warmUps + runs; i++) {
      final long begin = System.nanoTime();
      final HttpResponse<String> response =
          http.send(
              request(path).header("Accept", "application/json").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      final long elapsed = (System.nanoTime() - begin) / 1_000_000;
      if (response.statusCode() != 200) {
        rows = "HTTP " + response.statusCode();
        if (i == 0) {
          notes.add(
              path + " answered HTTP " + response.statusCode() + ": timings are of that answer");
        }
      } else {
        final JsonNode body = JSON.readTree(response.body());
        rows = body.isArray() ? Integer.toString(body.size()) : "(not a list)";
      }
      if (i >= warmUps) {
        millis[i - warmUps] = elapsed;
      }
    }
    Arrays.sort(millis);
    return new Timing(report, groupBy, rangeName, rows, millis[(runs - 1) / 2], millis[runs - 1]);
  }

  private HttpRequest.Builder request(final String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(5))
        .header("Authorization", authorization);
  }

  private static long count(final JdbcClient jdbc, final String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
