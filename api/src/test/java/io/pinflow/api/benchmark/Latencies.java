package io.pinflow.api.benchmark;

import java.util.Arrays;

/** Durations recorded from many threads, in microseconds, with their percentiles. */
final class Latencies {

  private long[] micros = new long[1024];
  private int count;

  synchronized void add(final long nanos) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = nanos / 1_000;
  }

  /** Adds all of {@code other}'s durations. */
  void addAll(final Latencies other) {
    final long[] theirs;
    synchronized (other) {
      theirs = Arrays.copyOf(other.micros, other.count);
    }
    for (final long value : theirs) {
      add(value * 1_000);
    }
  }

  synchronized int count() {
    return count;
  }

  /** The value below which {@code percent} of the recorded ones lie, in milliseconds. */
  synchronized double percentileMillis(final double percent) {
    if (count == 0) {
      return Double.NaN;
    }
    final long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    final int index = (int) Math.ceil(percent / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000.0;
  }

  synchronized double maxMillis() {
    return count == 0 ? Double.NaN : Arrays.stream(micros, 0, count).max().orElse(0) / 1_000.0;
  }

  /** {@code p50 12.3 ms, p99 45.6 ms, max 78.9 ms (n=1000)}. */
  String summary() {
    return "p50 %s ms, p99 %s ms, max %s ms (n=%d)"
        .formatted(
            millis(percentileMillis(50)),
            millis(percentileMillis(99)),
            millis(maxMillis()),
            count());
  }

  static String millis(final double millis) {
    if (Double.isNaN(millis)) {
      return "-";
    }
    return Figure.number(millis, millis < 10 ? 2 : (millis < 100 ? 1 : 0));
  }
}
