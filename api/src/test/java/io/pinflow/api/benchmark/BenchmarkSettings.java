package io.pinflow.api.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a benchmark run measures and for how long, from {@code benchmark.*} system properties (the
 * {@code benchmarks} Maven profile passes them on). A blank value means the default; {@code
 * benchmark.smoke=true} makes every default small, so that the whole run takes a few minutes.
 */
record BenchmarkSettings(
    Set<String> parts,
    List<String> reports,
    boolean smoke,
    Set<String> profiled,
    Path workDir,
    List<String> applicationArguments,
    Engine engine,
    Orders orders,
    Heap heap,
    Api api,
    Import imports,
    Startup startup,
    Reports reportSettings) {

  /** The parts in the order they run. */
  static final List<String> PARTS =
      List.of("startup", "heap", "engine", "orders", "api", "import", "reports");

  /** Engine-only ceiling: no-op processes of these sizes, interleaved in slices. */
  record Engine(List<Integer> serviceTasks, Duration slice, int rounds, int inFlight) {}

  /**
   * Order-to-ship through the API: offered rate (0: as fast as the in-flight limit allows), how
   * many orders may be on their way at once, the measured time split into segments with engine-only
   * slices between them, the ramp at the start of each segment that is not counted.
   */
  record Orders(
      Duration duration,
      Duration segment,
      Duration ramp,
      Duration engineSlice,
      double rate,
      int inFlight,
      int shops,
      int skus,
      Duration drainTimeout) {}

  /** Heap after GC at these counts of completed orders; gives up after the time limit. */
  record Heap(List<Integer> checkpoints, Duration timeLimit) {}

  /** Concurrent API clients, warm-up and measured time, the mix of requests, the history. */
  record Api(
      int clients,
      Duration warmUp,
      Duration duration,
      Map<String, Integer> mix,
      int sampleMonths) {}

  /** Rows of the generated product and stock files. */
  record Import(int rows) {}

  /** Launches of the real jar; the first one on an empty data folder. */
  record Startup(int runs, Path jar, Duration timeout) {}

  /** The report benchmark's own settings (its data folder is kept between runs). */
  record Reports(int months, int ordersPerDay, long seed, int warmUps, int runs, Path dataDir) {}

  static BenchmarkSettings fromSystemProperties() {
    final boolean smoke = Boolean.parseBoolean(value("benchmark.smoke", "false"));
    final List<String> only = list(value("benchmark.only", ""));
    // entries such as fulfilment:sku select reports (and so the report part)
    final List<String> reports = only.stream().filter(s -> s.contains(":")).toList();
    final List<String> named = only.stream().filter(s -> !s.contains(":")).toList();
    for (final String part : named) {
      if (!PARTS.contains(part)) {
        throw new IllegalArgumentException(
            "benchmark.only: unknown part '" + part + "'; parts are " + PARTS);
      }
    }
    final Set<String> parts = new java.util.LinkedHashSet<>();
    for (final String part : PARTS) {
      if (only.isEmpty()
          || named.contains(part)
          || (part.equals("reports") && !reports.isEmpty())) {
        parts.add(part);
      }
    }
    final String jfr = value("benchmark.jfr", "false");
    final Set<String> profiled =
        switch (jfr.strip().toLowerCase(Locale.ROOT)) {
          case "true", "all" -> Set.copyOf(PARTS);
          case "false", "" -> Set.of();
          default -> Set.copyOf(list(jfr));
        };
    final Path workDir = Path.of(value("benchmark.dir", "target/benchmarks")).toAbsolutePath();
    // e.g. --pinflow.engine.message-ttl=PT10S: what-ifs against the defaults
    final List<String> applicationArguments =
        Arrays.stream(value("benchmark.app-args", "").split("\\s+"))
            .filter(s -> !s.isBlank())
            .toList();

    final Engine engine =
        new Engine(
            list(value("benchmark.engine.tasks", "0,1,10")).stream().map(Integer::valueOf).toList(),
            duration("benchmark.engine.slice", smoke ? "4s" : "10s"),
            integer("benchmark.engine.rounds", smoke ? 1 : 3),
            integer("benchmark.engine.in-flight", 32));
    final Duration ordersDuration = duration("benchmark.orders.duration", smoke ? "40s" : "10m");
    final Orders orders =
        new Orders(
            ordersDuration,
            duration("benchmark.orders.segment", smoke ? "40s" : "2m"),
            duration("benchmark.orders.ramp", smoke ? "10s" : "20s"),
            duration("benchmark.orders.engine-slice", smoke ? "5s" : "15s"),
            Double.parseDouble(value("benchmark.orders.rate", "120")),
            integer("benchmark.orders.in-flight", 200),
            integer("benchmark.orders.shops", 10),
            integer("benchmark.orders.skus", 100),
            duration("benchmark.orders.drain-timeout", "2m"));
    final Heap heap =
        new Heap(
            list(value("benchmark.heap.checkpoints", smoke ? "100,200,400" : "10000,50000,100000"))
                .stream()
                .map(Integer::valueOf)
                .sorted()
                .toList(),
            duration("benchmark.heap.time-limit", smoke ? "2m" : "90m"));
    final Api api =
        new Api(
            integer("benchmark.api.clients", 50),
            duration("benchmark.api.warm-up", smoke ? "5s" : "15s"),
            duration("benchmark.api.duration", smoke ? "15s" : "60s"),
            mix(value("benchmark.api.mix", "detail:4,list:2,report:1,health:3")),
            integer("benchmark.api.sample-months", 1));
    final Import imports = new Import(integer("benchmark.import.rows", smoke ? 20_000 : 100_000));
    final Startup startup =
        new Startup(
            integer("benchmark.startup.runs", smoke ? 2 : 4),
            Path.of(value("benchmark.jar", "target/pinflow.jar")).toAbsolutePath(),
            duration("benchmark.startup.timeout", "3m"));
    final Reports reportSettings =
        new Reports(
            integer("benchmark.months", smoke ? 1 : 12),
            integer("benchmark.orders-per-day", 2_700),
            Long.parseLong(value("benchmark.seed", "42")),
            integer("benchmark.warm-ups", 2),
            integer("benchmark.runs", smoke ? 3 : 10),
            // a smoke run's small history stays apart from the million orders of a full one
            Path.of(
                    value(
                        "benchmark.data-dir",
                        smoke ? "target/benchmark-data-smoke" : "target/benchmark-data"))
                .toAbsolutePath());
    return new BenchmarkSettings(
        parts,
        reports,
        smoke,
        profiled,
        workDir,
        applicationArguments,
        engine,
        orders,
        heap,
        api,
        imports,
        startup,
        reportSettings);
  }

  boolean runs(final String part) {
    return parts.contains(part);
  }

  boolean profiles(final String part) {
    return profiled.contains(part);
  }

  /** The settings as {@code name=value} lines, for the head of the results. */
  List<String> describe() {
    final List<String> lines = new ArrayList<>();
    lines.add("parts=" + String.join(",", parts) + (smoke ? " (smoke defaults)" : ""));
    if (runs("engine") || runs("orders")) {
      lines.add(
          "engine: tasks=%s slice=%s rounds=%d in-flight=%d"
              .formatted(
                  engine.serviceTasks(), text(engine.slice()), engine.rounds(), engine.inFlight()));
    }
    if (runs("orders") || runs("heap")) {
      lines.add(
          "orders: duration=%s segment=%s ramp=%s engine-slice=%s rate=%s/s in-flight=%d shops=%d skus=%d"
              .formatted(
                  text(orders.duration()),
                  text(orders.segment()),
                  text(orders.ramp()),
                  text(orders.engineSlice()),
                  orders.rate() > 0 ? String.valueOf(orders.rate()) : "unpaced",
                  orders.inFlight(),
                  orders.shops(),
                  orders.skus()));
    }
    if (runs("heap")) {
      lines.add(
          "heap: checkpoints=%s time-limit=%s"
              .formatted(heap.checkpoints(), text(heap.timeLimit())));
    }
    if (runs("api")) {
      lines.add(
          "api: clients=%d warm-up=%s duration=%s mix=%s sample-months=%d"
              .formatted(
                  api.clients(),
                  text(api.warmUp()),
                  text(api.duration()),
                  api.mix(),
                  api.sampleMonths()));
    }
    if (runs("import")) {
      lines.add("import: rows=" + imports.rows());
    }
    if (runs("startup")) {
      lines.add("startup: runs=" + startup.runs() + " jar=" + startup.jar());
    }
    if (runs("reports")) {
      lines.add(
          "reports: months=%d orders-per-day=%d runs=%d%s"
              .formatted(
                  reportSettings.months(),
                  reportSettings.ordersPerDay(),
                  reportSettings.runs(),
                  reports.isEmpty() ? "" : " only=" + reports));
    }
    if (!profiled.isEmpty()) {
      lines.add("jfr=" + String.join(",", profiled));
    }
    if (!applicationArguments.isEmpty()) {
      lines.add("application arguments: " + String.join(" ", applicationArguments));
    }
    return lines;
  }

  /** A duration as people write it: {@code 500ms}, {@code 45s}, {@code 2m}, {@code 1m05s}. */
  static String text(final Duration duration) {
    final long seconds = Math.round(duration.toMillis() / 1000.0);
    if (duration.toMillis() < 10_000 && duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    return seconds % 60 == 0
        ? seconds / 60 + "m"
        : "%dm%02ds".formatted(seconds / 60, seconds % 60);
  }

  private static String value(final String name, final String fallback) {
    final String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static int integer(final String name, final int fallback) {
    return Integer.parseInt(value(name, Integer.toString(fallback)));
  }

  private static List<String> list(final String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 2m}. */
  static Duration duration(final String name, final String fallback) {
    final String value = value(name, fallback).toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("pt") || value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      final long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException(value);
      };
    } catch (final RuntimeException e) {
      throw new IllegalArgumentException(
          name + ": '" + value + "' is not a duration (e.g. 30s, 2m, PT10M)", e);
    }
  }

  private static Map<String, Integer> mix(final String value) {
    final Map<String, Integer> weights = new LinkedHashMap<>();
    for (final String entry : list(value)) {
      final String[] pair = entry.split(":");
      if (pair.length != 2 || !ApiLatency.KINDS.contains(pair[0])) {
        throw new IllegalArgumentException(
            "benchmark.api.mix: '" + entry + "'; expected kind:weight of " + ApiLatency.KINDS);
      }
      weights.put(pair[0], Integer.valueOf(pair[1]));
    }
    if (!weights.containsKey("health")) {
      throw new IllegalArgumentException("benchmark.api.mix must include health (the baseline)");
    }
    return weights;
  }
}
