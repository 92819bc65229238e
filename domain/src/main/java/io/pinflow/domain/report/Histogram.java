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

  public void addAll(final Histogram other) {
    other.counts.forEach(this::add);
  }

  /** The counts as {@code "bucket:count bucket:count …"}, in bucket order; empty when empty. */
  public String encode() {
    final StringBuilder text = new StringBuilder(counts.size() * 8);
    counts.forEach(
        (bucket, count) -> {
          if (!text.isEmpty()) {
            text.append(' ');
          }
          text.append(bucket).append(':').append(count);
        });
    return text.toString();
  }

  /** Adds the counts of an {@link #encode() encoded} histogram. */
  public void addEncoded(final String text) {
    int start = 0;
    while (start < text.length()) {
      final int colon = text.indexOf(':', start);
      int end = text.indexOf(' ', colon);
      if (end < 0) {
        end = text.length();
      }
      if (colon < 0 || colon > end) {
        throw new IllegalArgumentException("not an encoded histogram: " + text);
      }
      add(Long.parseLong(text, start, colon, 10), Long.parseLong(text, colon + 1, end, 10));
      start = end + 1;
    }
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
