package io.pinflow.api.benchmark;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read API latency under concurrent clients: order detail, order list and a report, interleaved
 * with {@code GET /actuator/health} in one run, each client going through the mix in its own
 * shuffled order. Health is the baseline: a call that passes the same servlet stack, security
 * filters and a database check, so the ratios show what each endpoint adds on this machine at this
 * moment. Runs over a generated history (one month of sample orders by default).
 */
final class ApiLatency {

  static final String PART = "api";
  static final List<String> KINDS = List.of("detail", "list", "report", "health");
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private ApiLatency() {}

  /** What one kind of request did. */
  static final class Kind {
    final Latencies latencies = new Latencies();
    final AtomicLong errors = new AtomicLong();
    volatile String lastError = "";
  }

  static PartResult run(
      final BenchmarkSettings settings, final PinflowUnderTest app, final Http http)
      throws InterruptedException {
    final BenchmarkSettings.Api api = settings.api();
    final PartResult result = new PartResult(PART);
    final String history = SampleHistory.generate(http, api.sampleMonths(), 2_700, 42);
    result.detail("History: " + history + ".");
    final List<String> orderSns =
        app.jdbc()
            .sql("SELECT order_sn FROM orders ORDER BY RAND() LIMIT 2000")
            .query(String.class)
            .list();
    final List<String> shops =
        app.jdbc().sql("SELECT DISTINCT shop_id FROM orders").query(String.class).list();
    final LocalDate today = LocalDate.now(CHINA);
    final String report =
        "/api/reports/fulfilment?from=%s&to=%s&groupBy=day".formatted(today.minusDays(30), today);

    final List<String> schedule = new ArrayList<>();
    api.mix().forEach((kind, weight) -> schedule.addAll(Collections.nCopies(weight, kind)));
    final Map<String, Kind> kinds = new LinkedHashMap<>();
    api.mix().keySet().forEach(kind -> kinds.put(kind, new Kind()));

    final long start = System.nanoTime();
    final long measureFrom = start + api.warmUp().toNanos();
    final long measureTo = measureFrom + api.duration().toNanos();
    final CountDownLatch done = new CountDownLatch(api.clients());
    final ResourceMeter.Sample[] samples = new ResourceMeter.Sample[2];
    for (int client = 1; client <= api.clients(); client++) {
      final Thread thread =
          new Thread(
              () -> {
                try {
                  final List<String> mine = new ArrayList<>(schedule);
                  while (System.nanoTime() < measureTo) {
                    Collections.shuffle(mine);
                    for (final String kind : mine) {
                      final long begin = System.nanoTime();
                      if (begin >= measureTo) {
                        break;
                      }
                      call(
                          http,
                          kind,
                          orderSns,
                          shops,
                          report,
                          kinds.get(kind),
                          begin >= measureFrom);
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "benchmark-api-" + client);
      thread.setDaemon(true);
      thread.start();
    }
    Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
    samples[0] = ResourceMeter.sample();
    Thread.sleep(Math.max(0, (measureTo - System.nanoTime()) / 1_000_000));
    samples[1] = ResourceMeter.sample();
    done.await();
    describe(result, settings, kinds, ResourceMeter.between(samples[0], samples[1]));
    return result;
  }

  private static void call(
      final Http http,
      final String kind,
      final List<String> orderSns,
      final List<String> shops,
      final String report,
      final Kind tally,
      final boolean measured) {
    final ThreadLocalRandom random = ThreadLocalRandom.current();
    try {
      final Http.Answer answer =
          switch (kind) {
            case "detail" ->
                http.get("/api/orders/" + orderSns.get(random.nextInt(orderSns.size())));
            case "list" ->
                http.get(
                    "/api/orders?shopId=%s&page=%d&size=50"
                        .formatted(shops.get(random.nextInt(shops.size())), random.nextInt(5)));
            case "report" -> http.get(report);
            case "health" -> http.getAnonymous("/actuator/health");
            default -> throw new IllegalArgumentException(kind);
          };
      if (!measured) {
        return;
      }
      // a failed call counts with the time it took: a 500 after 30 s is a 30 s answer
      tally.latencies.add(answer.nanos());
      if (answer.status() != 200) {
        tally.errors.incrementAndGet();
        tally.lastError = "HTTP " + answer.status();
      }
    } catch (final RuntimeException e) {
      if (measured) {
        tally.errors.incrementAndGet();
        tally.lastError = e.getMessage();
      }
    }
  }

  private static void describe(
      final PartResult result,
      final BenchmarkSettings settings,
      final Map<String, Kind> kinds,
      final ResourceMeter.Usage usage) {
    final BenchmarkSettings.Api api = settings.api();
    final Latencies health = kinds.get("health").latencies;
    final double healthP50 = health.percentileMillis(50);
    final double healthP99 = health.percentileMillis(99);
    for (final var entry : kinds.entrySet()) {
      final Latencies latencies = entry.getValue().latencies;
      final String value =
          "p50 %s ms, p99 %s ms"
              .formatted(
                  Latencies.millis(latencies.percentileMillis(50)),
                  Latencies.millis(latencies.percentileMillis(99)));
      if (entry.getKey().equals("health")) {
        final long errors = entry.getValue().errors.get();
        result.info(
            "GET /actuator/health, " + api.clients() + " clients",
            value + (errors > 0 ? " (" + errors + " not UP)" : ""));
        continue;
      }
      final double p99Ratio = latencies.percentileMillis(99) / healthP99;
      final long errors = entry.getValue().errors.get();
      final String ratios =
          " (%s× and %s× health%s)"
              .formatted(
                  Figure.number(latencies.percentileMillis(50) / healthP50, 1),
                  Figure.number(p99Ratio, 1),
                  errors > 0 ? "; " + errors + " failed" : "");
      if (entry.getKey().equals("detail")) {
        result.judged(
            "GET order detail, " + api.clients() + " clients",
            value + ratios,
            "p99 ≤ 3× health p99, none failed",
            p99Ratio <= 3 && errors == 0);
      } else {
        result.info(
            "GET " + label(entry.getKey()) + ", " + api.clients() + " clients", value + ratios);
      }
    }
    result
        .detail(
            "%d clients, mix %s, %s warm-up then %s measured; application CPU %s cores on average."
                .formatted(
                    api.clients(),
                    api.mix(),
                    BenchmarkSettings.text(api.warmUp()),
                    BenchmarkSettings.text(api.duration()),
                    Figure.number(usage.cores(), 2)))
        .detail("")
        .detail(
            "| request | calls | calls/s | p50 ms | p99 ms | max ms | p50 ÷ health | p99 ÷ health | errors |")
        .detail("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    final double seconds = api.duration().toNanos() / 1e9;
    kinds.forEach(
        (kind, tally) -> {
          final Latencies l = tally.latencies;
          result.detail(
              "| %s | %d | %s | %s | %s | %s | %s | %s | %d%s |"
                  .formatted(
                      label(kind),
                      l.count(),
                      Figure.number(l.count() / seconds, 1),
                      Latencies.millis(l.percentileMillis(50)),
                      Latencies.millis(l.percentileMillis(99)),
                      Latencies.millis(l.maxMillis()),
                      Figure.number(l.percentileMillis(50) / healthP50, 1),
                      Figure.number(l.percentileMillis(99) / healthP99, 1),
                      tally.errors.get(),
                      tally.errors.get() > 0 ? " (" + tally.lastError + ")" : ""));
        });
  }

  private static String label(final String kind) {
    return switch (kind) {
      case "detail" -> "order detail";
      case "list" -> "order list (page of 50)";
      case "report" -> "fulfilment report by day, 30 days";
      default -> "/actuator/health";
    };
  }
}
