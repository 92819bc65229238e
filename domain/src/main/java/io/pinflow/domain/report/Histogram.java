package io.pinflow.domain.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durations counted in buckets of equal width, for percentiles the database cannot compute
 * portably: the database counts per bucket, and a percentile is the upper edge of the bucket that
 * holds its nearest-rank value. "90 % within X" then holds, with X at most one bucket width above
 * the exact figure.
 */
public final class Histogram {

  private final long bucketSeconds;
  private final TreeMap<Long, Long> counts = new TreeMap<>();
  private long total;

  public Histogram(final long bucketSeconds) {
    this.bucketSeconds = bucketSeconds;
  }

  public void add(final long bucket, final long count) {
    counts.merge(bucket, count, Long::sum);
    total += count;
  }

  /** The {@code fraction} percentile in hours (two decimals), or null when empty. */
  public BigDecimal percentileHours(final double fraction) {
    if (total == 0) {
      return null;
    }
    final long rank = Math.max(1, (long) Math.ceil(fraction * total));
    long seen = 0;
    long bucket = counts.lastKey();
    for (final Map.Entry<Long, Long> entry : counts.entrySet()) {
      seen += entry.getValue();
      if (seen >= rank) {
        bucket = entry.getKey();
        break;
      }
    }
    return BigDecimal.valueOf((bucket + 1) * bucketSeconds)
        .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
  }
}
