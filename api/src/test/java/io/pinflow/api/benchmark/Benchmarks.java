package io.pinflow.api.benchmark;

import io.camunda.client.CamundaClient;
import io.camunda.client.jobhandling.JobWorkerManager;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Pinflow's benchmark harness: measures the parts the settings select and prints each figure with
 * its target, then the whole table, also written to {@code results.md} in the work folder ({@code
 * target/benchmarks}). Run it with {@code ./mvnw -B -Pbenchmarks -pl api -am verify}; the method
 * and the latest figures are in docs/benchmarks.md.
 *
 * <p>The parts run in this order, each group of them on its own application started for it (fresh
 * data, the engine empty): {@code startup} (the real jar in new JVMs), {@code heap}, {@code engine}
 * and {@code orders} (one application: the two are compared), {@code api} and {@code import} (one
 * application with a generated history), {@code reports} (its own data folder of about a million
 * orders, kept between runs). A part that fails is reported as failed and the others still run; the
 * exit code is 1 then. Figures that miss their target do not change the exit code.
 */
public final class Benchmarks {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final BenchmarkSettings settings;
  private final List<PartResult> results = new ArrayList<>();
  private int failures;

  private Benchmarks(final BenchmarkSettings settings) {
    this.settings = settings;
  }

  /** A part's measurement. */
  @FunctionalInterface
  interface Measurement {
    PartResult run() throws Exception;
  }

  public static void main(final String[] args) {
    int exit;
    try {
      exit = new Benchmarks(BenchmarkSettings.fromSystemProperties()).runAll();
    } catch (final Exception e) {
      e.printStackTrace();
      exit = 1;
    }
    // the application's libraries may leave non-daemon threads behind
    System.exit(exit);
  }

  /** Progress and figures go to the console as they come. */
  static synchronized void print(final String line) {
    System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
  }

  private int runAll() throws IOException {
    Files.createDirectories(settings.workDir());
    final ZonedDateTime started = ZonedDateTime.now();
    final String machine = machine();
    print("Pinflow benchmarks: " + machine);
    settings.describe().forEach(line -> print("  " + line));

    if (settings.runs(StartupTime.PART)) {
      part(StartupTime.PART, () -> StartupTime.run(settings));
    }
    if (settings.runs(HeapGrowth.PART)) {
      withApplication(
          "data-heap",
          List.of(HeapGrowth.PART),
          (app, http) -> part(HeapGrowth.PART, () -> HeapGrowth.run(settings, app, http)));
    }
    if (settings.runs(EngineCeiling.PART) || settings.runs(OrderThroughput.PART)) {
      withApplication(
          "data-orders",
          List.of(EngineCeiling.PART, OrderThroughput.PART),
          (app, http) -> {
            try (NoOpProcesses processes =
                new NoOpProcesses(
                    app.bean(CamundaClient.class), app.bean(JobWorkerManager.class))) {
              if (settings.runs(EngineCeiling.PART)) {
                part(EngineCeiling.PART, () -> EngineCeiling.run(settings, processes));
              }
              if (settings.runs(OrderThroughput.PART)) {
                part(
                    OrderThroughput.PART,
                    () -> OrderThroughput.run(settings, app, http, processes));
              }
            }
          });
    }
    if (settings.runs(ApiLatency.PART) || settings.runs(ErpImportRate.PART)) {
      withApplication(
          "data-api",
          List.of(ApiLatency.PART, ErpImportRate.PART),
          (app, http) -> {
            if (settings.runs(ApiLatency.PART)) {
              part(ApiLatency.PART, () -> ApiLatency.run(settings, app, http));
            }
            if (settings.runs(ErpImportRate.PART)) {
              part(ErpImportRate.PART, () -> ErpImportRate.run(settings, app, http));
            }
          });
    }
    if (settings.runs(ReportBenchmark.PART)) {
      part(ReportBenchmark.PART, () -> ReportBenchmark.run(settings));
    }
    write(started, machine);
    return failures == 0 ? 0 : 1;
  }

  /** Work on an application started for it. */
  @FunctionalInterface
  interface WithApplication {
    void accept(PinflowUnderTest app, Http http) throws Exception;
  }

  private void withApplication(
      final String dataFolder, final List<String> parts, final WithApplication work) {
    final List<String> selected = parts.stream().filter(settings::runs).toList();
    print("Starting Pinflow for " + String.join(" and ", selected));
    try (PinflowUnderTest app =
            PinflowUnderTest.start(
                settings.workDir().resolve(dataFolder), true, settings.applicationArguments());
        Http http = new Http(app.baseUrl())) {
      print("  started in " + app.startup().toMillis() + " ms at " + app.baseUrl());
      work.accept(app, http);
    } catch (final Exception e) {
      e.printStackTrace();
      for (final String part : selected) {
        if (results.stream().noneMatch(r -> r.part().equals(part))) {
          results.add(failed(part, e));
        }
      }
    }
  }

  private void part(final String name, final Measurement measurement) {
    print("== " + name + " (load average " + ResourceMeter.loadAverage() + ")");
    final String loadBefore = ResourceMeter.loadAverage();
    // the start-up part profiles the JVMs it launches, not this one
    final Profiler profiler =
        name.equals(StartupTime.PART) ? Profiler.none() : Profiler.start(settings, name);
    PartResult result;
    try {
      result = measurement.run();
    } catch (final Exception e) {
      e.printStackTrace();
      result = failed(name, e);
    }
    profiler.stop(result);
    result
        .detail("")
        .detail(
            "Load average (1, 5, 15 min): "
                + loadBefore
                + " before, "
                + ResourceMeter.loadAverage()
                + " after.");
    results.add(result);
  }

  private PartResult failed(final String part, final Exception e) {
    failures++;
    final PartResult result = new PartResult(part);
    result.info("failed", String.valueOf(e).replace('|', '/').replace('\n', ' '));
    return result;
  }

  private void write(final ZonedDateTime started, final String machine) throws IOException {
    final String nl = System.lineSeparator();
    final StringBuilder out = new StringBuilder();
    out.append("# Pinflow benchmarks, ")
        .append(started.truncatedTo(ChronoUnit.SECONDS))
        .append(nl)
        .append(nl)
        .append(machine)
        .append(nl)
        .append(nl);
    settings.describe().forEach(line -> out.append("- ").append(line).append(nl));
    out.append(nl).append(Figure.header()).append(nl);
    results.forEach(r -> r.figures().forEach(f -> out.append(f.row()).append(nl)));
    for (final PartResult result : results) {
      out.append(nl)
          .append("## ")
          .append(result.part())
          .append(nl)
          .append(nl)
          .append(result.details());
    }
    final Path file = settings.workDir().resolve("results-" + started.format(STAMP) + ".md");
    Files.writeString(file, out.toString());
    Files.copy(file, settings.workDir().resolve("results.md"), StandardCopyOption.REPLACE_EXISTING);
    System.out.println(nl + out);
    print("Written to " + file + " (and results.md beside it)");
  }

  private static String machine() {
    final var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return "%d cores, %s GB RAM, %s %s, Java %s (%s), max heap %s MB, load average %s"
        .formatted(
            Runtime.getRuntime().availableProcessors(),
            Figure.number(os.getTotalMemorySize() / 1e9, 0),
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            Runtime.version(),
            System.getProperty("java.vm.vendor"),
            Runtime.getRuntime().maxMemory() / (1024 * 1024),
            ResourceMeter.loadAverage());
  }
}
