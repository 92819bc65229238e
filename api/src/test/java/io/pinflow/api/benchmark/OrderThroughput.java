package io.pinflow.api.benchmark;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real order-to-ship flow end to end, sustained: orders through the API, the database, the
 * Camel routes and the simulated WMS and PDD over HTTP, until each is completed. The measured time
 * is cut into segments; between them, with the application idle again, the engine-only process of
 * the same shape (as many no-op service tasks as an order passes on its happy path) runs for a
 * slice, so that the two are compared on the same JVM at nearly the same time.
 */
final class OrderThroughput {

  static final String PART = "orders";

  /** The service tasks an order passes from intake to completion when nothing goes wrong. */
  static final List<String> HAPPY_PATH_SERVICE_TASKS =
      List.of(
          "TaskCheckHolds",
          "TaskReserveStock",
          "TaskSendToWms",
          "TaskRecordShipment",
          "TaskUploadTracking",
          "TaskMarkDelivered",
          "TaskCompleteOrder");

  private static final String MODEL = "models/order-to-ship.bpmn";

  private OrderThroughput() {}

  /** One measured segment: its window, what completed in it, and the engine-only slices around. */
  record Segment(
      Duration window,
      long completed,
      ResourceMeter.Usage usage,
      Latencies latencies,
      Duration blocked,
      double engineBefore,
      double engineAfter) {

    double perSecond() {
      return completed / (window.toNanos() / 1e9);
    }

    double ratio() {
      return perSecond() / ((engineBefore + engineAfter) / 2);
    }
  }

  static PartResult run(
      final BenchmarkSettings settings,
      final PinflowUnderTest app,
      final Http http,
      final NoOpProcesses processes)
      throws InterruptedException {
    final BenchmarkSettings.Orders orders = settings.orders();
    final PartResult result = new PartResult(PART);
    checkHappyPath();
    final String shape = processes.deploy(HAPPY_PATH_SERVICE_TASKS.size());
    final EngineCeiling.Tally engine = new EngineCeiling.Tally();
    processes.run(shape, orders.engineSlice().dividedBy(2), settings.engine().inFlight());

    final int count =
        (int)
            Math.max(
                1, Math.ceil(orders.duration().toMillis() / (double) orders.segment().toMillis()));
    final Duration length = orders.duration().dividedBy(count);
    final List<Segment> segments = new ArrayList<>();
    try (OrderLoad load = new OrderLoad(http, app.jdbc(), orders, true)) {
      load.setUp(app.dataDir().getParent());
      double before = engineSlice(processes, shape, settings, engine);
      for (int i = 1; i <= count; i++) {
        load.startSubmitting();
        Thread.sleep(orders.ramp().toMillis());
        final ResourceMeter.Sample start = ResourceMeter.sample();
        final Instant from = Instant.now();
        final Duration blockedBefore = load.blocked();
        Thread.sleep(length.minus(orders.ramp()).toMillis());
        final ResourceMeter.Sample end = ResourceMeter.sample();
        final Instant to = Instant.now();
        final Duration blocked = load.blocked().minus(blockedBefore);
        load.stopSubmitting();
        final boolean drained = load.awaitDrained(orders.drainTimeout());
        final double after = engineSlice(processes, shape, settings, engine);
        final Segment segment =
            new Segment(
                Duration.between(from, to),
                load.completedBetween(from, to),
                ResourceMeter.between(start, end),
                load.latenciesOfOrdersSentBetween(from, to),
                blocked,
                before,
                after);
        segments.add(segment);
        Benchmarks.print(
            "  segment %d: %s orders/s, engine-only %s → %s instances/s, latency %s%s"
                .formatted(
                    i,
                    Figure.number(segment.perSecond(), 1),
                    Figure.number(before, 1),
                    Figure.number(after, 1),
                    segment.latencies().summary(),
                    drained ? "" : ", " + load.pending() + " order(s) not completed yet"));
        before = after;
      }
      describe(result, settings, segments, engine, load);
    }
    return result;
  }

  private static double engineSlice(
      final NoOpProcesses processes,
      final String shape,
      final BenchmarkSettings settings,
      final EngineCeiling.Tally tally) {
    final ResourceMeter.Sample before = ResourceMeter.sample();
    final NoOpProcesses.Slice slice =
        processes.run(shape, settings.orders().engineSlice(), settings.engine().inFlight());
    tally.add(slice, ResourceMeter.between(before, ResourceMeter.sample()));
    return slice.perSecond();
  }

  private static void describe(
      final PartResult result,
      final BenchmarkSettings settings,
      final List<Segment> segments,
      final EngineCeiling.Tally engine,
      final OrderLoad load) {
    final BenchmarkSettings.Orders orders = settings.orders();
    long completed = 0;
    long windowNanos = 0;
    long blockedNanos = 0;
    ResourceMeter.Usage usage = ResourceMeter.Usage.none();
    final Latencies latencies = new Latencies();
    for (final Segment segment : segments) {
      completed += segment.completed();
      windowNanos += segment.window().toNanos();
      blockedNanos += segment.blocked().toNanos();
      usage = usage.plus(segment.usage());
      latencies.addAll(segment.latencies());
    }
    final double perSecond = completed / (windowNanos / 1e9);
    final double ratio = perSecond / engine.perSecond();
    final double cpuPerOrder =
        completed == 0 ? Double.NaN : usage.applicationCpuMillis() / completed;
    final double cpuPerInstance = engine.usage.applicationCpuMillis() / Math.max(1, engine.paidFor);

    result.judged(
        "order-to-ship end to end: completed orders/s, "
            + BenchmarkSettings.text(orders.duration()),
        Figure.number(perSecond, 1),
        "≥ 100",
        perSecond >= 100);
    result.info(
        "order latency, intake to completed",
        "p50 %s s, p99 %s s"
            .formatted(
                Figure.number(latencies.percentileMillis(50) / 1000, 2),
                Figure.number(latencies.percentileMillis(99) / 1000, 2)));
    result.info("cost per order", usage.perUnit(completed, "order"));
    result.info(
        "engine-only, " + HAPPY_PATH_SERVICE_TASKS.size() + " no-op service tasks, interleaved",
        Figure.number(engine.perSecond(), 1) + " instances/s");
    result.judged(
        "real ÷ engine-only of the same shape, completed per second",
        Figure.number(ratio, 2),
        "≥ 0.8",
        ratio >= 0.8);
    result.info(
        "real ÷ engine-only, CPU per completed unit",
        Figure.number(cpuPerOrder / cpuPerInstance, 1)
            + " ("
            + Figure.number(cpuPerOrder, 1)
            + " vs "
            + Figure.number(cpuPerInstance, 1)
            + " CPU-ms)");

    result
        .detail(
            "Offered %s, at most %d orders in flight, %d shop(s), %d SKU(s); each segment's first %s not counted (ramp); engine-only slices of %s between segments."
                .formatted(
                    orders.rate() > 0 ? Figure.number(orders.rate(), 0) + " orders/s" : "unpaced",
                    orders.inFlight(),
                    orders.shops(),
                    orders.skus(),
                    BenchmarkSettings.text(orders.ramp()),
                    BenchmarkSettings.text(orders.engineSlice())))
        .detail(
            "Happy path service tasks (checked against `%s`): %s."
                .formatted(MODEL, String.join(", ", HAPPY_PATH_SERVICE_TASKS)))
        .detail(
            "In-flight limit reached %s %% of the measured time%s."
                .formatted(
                    Figure.number(100.0 * blockedNanos / Math.max(1, windowNanos), 0),
                    blockedNanos > windowNanos / 10
                        ? " (the application set the pace: the figure is its capacity at that concurrency)"
                        : " (the offered rate set the pace: the figure is a lower bound of the capacity)"))
        .detail(
            "Orders sent %d, intake refused %d%s; not completed when the run ended: %d."
                .formatted(
                    load.sent(),
                    load.rejected(),
                    load.rejected() > 0 ? " (last: " + load.lastRejection() + ")" : "",
                    load.pending()))
        .detail(
            "Application CPU: %s cores on average while measured (JVM less the load driver, plus MariaDB); GC: %d collections, %d ms."
                .formatted(Figure.number(usage.cores(), 2), usage.gcCount(), usage.gcMillis()))
        .detail("")
        .detail(
            "| segment | orders/s | engine-only before → after | ratio | latency p50 s | p99 s | cores |")
        .detail("|---:|---:|---|---:|---:|---:|---:|");
    for (int i = 0; i < segments.size(); i++) {
      final Segment s = segments.get(i);
      result.detail(
          "| %d | %s | %s → %s | %s | %s | %s | %s |"
              .formatted(
                  i + 1,
                  Figure.number(s.perSecond(), 1),
                  Figure.number(s.engineBefore(), 1),
                  Figure.number(s.engineAfter(), 1),
                  Figure.number(s.ratio(), 2),
                  Figure.number(s.latencies().percentileMillis(50) / 1000, 2),
                  Figure.number(s.latencies().percentileMillis(99) / 1000, 2),
                  Figure.number(s.usage().cores(), 2)));
    }
  }

  /** The listed tasks must be service tasks of the model, or the comparison is of another shape. */
  private static void checkHappyPath() {
    try (InputStream in = OrderThroughput.class.getClassLoader().getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException(MODEL + " is not on the classpath");
      }
      final BpmnModelInstance model = Bpmn.readModelFromStream(in);
      for (final String id : HAPPY_PATH_SERVICE_TASKS) {
        if (!(model.getModelElementById(id) instanceof ServiceTask)) {
          throw new IllegalStateException(id + " is no longer a service task of " + MODEL);
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
