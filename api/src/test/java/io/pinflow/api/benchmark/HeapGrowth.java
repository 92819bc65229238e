package io.pinflow.api.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.ObjectName;

/**
 * Heap after a full GC as completed orders add up (a fresh application, orders as in {@link
 * OrderThroughput}, without pauses): whether the application keeps what it no longer needs. The
 * load keeps running while the heap is measured, so each figure includes the orders then in flight.
 * Stops early before the heap runs full, or at the time limit.
 */
final class HeapGrowth {

  static final String PART = "heap";
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final double FULL = 0.85;
  private static final int HISTOGRAM_LINES = 15;

  private HeapGrowth() {}

  record Checkpoint(long orders, long heapBytes, Duration elapsed) {}

  static PartResult run(
      final BenchmarkSettings settings, final PinflowUnderTest app, final Http http)
      throws InterruptedException {
    final PartResult result = new PartResult(PART);
    final List<Checkpoint> reached = new ArrayList<>();
    final long begin = System.nanoTime();
    final long deadline = begin + settings.heap().timeLimit().toNanos();
    final long max = MEMORY.getHeapMemoryUsage().getMax();
    String stoppedBecause = "";
    try (OrderLoad load = new OrderLoad(http, app.jdbc(), settings.orders(), false)) {
      load.setUp(app.dataDir().getParent());
      final long baseline = heapAfterGc();
      result.detail(
          "Heap after GC before the first order: %s MB of at most %s MB."
              .formatted(mb(baseline), mb(max)));
      load.startSubmitting();
      for (final int checkpoint : settings.heap().checkpoints()) {
        while (load.completed() < checkpoint && System.nanoTime() < deadline) {
          Thread.sleep(1_000);
          if (MEMORY.getHeapMemoryUsage().getUsed() > FULL * max && heapAfterGc() > FULL * max) {
            stoppedBecause = "the heap was nearly full";
            break;
          }
        }
        if (load.completed() < checkpoint) {
          if (stoppedBecause.isEmpty()) {
            stoppedBecause =
                "the time limit of "
                    + BenchmarkSettings.text(settings.heap().timeLimit())
                    + " was reached";
          }
          break;
        }
        final long orders = load.completed();
        final Checkpoint measured =
            new Checkpoint(orders, heapAfterGc(), Duration.ofNanos(System.nanoTime() - begin));
        reached.add(measured);
        Benchmarks.print(
            "  %,d orders completed after %s: heap after GC %s MB"
                .formatted(
                    orders, BenchmarkSettings.text(measured.elapsed()), mb(measured.heapBytes())));
      }
      load.stopSubmitting();
      result.detail(
          "Orders sent %d, intake refused %d, completed %d."
              .formatted(load.sent(), load.rejected(), load.completed()));
    }
    describe(result, settings, reached, stoppedBecause);
    return result;
  }

  private static void describe(
      final PartResult result,
      final BenchmarkSettings settings,
      final List<Checkpoint> reached,
      final String stoppedBecause) {
    for (final Checkpoint checkpoint : reached) {
      result.info(
          "heap after GC at %,d completed orders".formatted(checkpoint.orders()),
          mb(checkpoint.heapBytes()) + " MB");
    }
    if (reached.size() < settings.heap().checkpoints().size()) {
      result.info(
          "checkpoints reached",
          reached.size() + " of " + settings.heap().checkpoints() + ": " + stoppedBecause);
    }
    if (reached.size() >= 2) {
      final Checkpoint first = reached.getFirst();
      final Checkpoint last = reached.getLast();
      final double growth = (double) (last.heapBytes() - first.heapBytes()) / first.heapBytes();
      result.judged(
          "heap growth from %,d to %,d orders".formatted(first.orders(), last.orders()),
          (growth >= 0 ? "+" : "") + Figure.number(100 * growth, 1) + " %",
          "within ±10 %",
          Math.abs(growth) <= 0.10);
      result.info(
          "heap kept per completed order",
          Figure.number(
                  (last.heapBytes() - first.heapBytes())
                      / 1024.0
                      / (last.orders() - first.orders()),
                  1)
              + " KB");
    }
    result
        .detail("")
        .detail("| completed orders | time | heap after GC MB |")
        .detail("|---:|---:|---:|");
    for (final Checkpoint checkpoint : reached) {
      result.detail(
          "| %,d | %s | %s |"
              .formatted(
                  checkpoint.orders(),
                  BenchmarkSettings.text(checkpoint.elapsed()),
                  mb(checkpoint.heapBytes())));
    }
    result.detail("").detail("Largest classes on the heap at the end (`GC.class_histogram`):");
    result.detail("").detail("```");
    classHistogram().forEach(result::detail);
    result.detail("```");
  }

  /** Heap in use right after a full collection. */
  static long heapAfterGc() throws InterruptedException {
    System.gc();
    Thread.sleep(200);
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static List<String> classHistogram() {
    try {
      final Object text =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      return Arrays.stream(text.toString().split("\\R")).limit(HISTOGRAM_LINES + 2).toList();
    } catch (final Exception e) {
      return List.of("(no class histogram: " + e.getMessage() + ")");
    }
  }

  private static String mb(final long bytes) {
    return Figure.number(bytes / (1024.0 * 1024.0), 0);
  }
}
