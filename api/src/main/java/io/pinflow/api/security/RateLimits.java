package io.pinflow.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code perSecond} requests a second on average, up to {@code burst} at
 * once. A caller named in the overrides gets its own rate (an integration with a quota, say).
 */
public final class RateLimits {

  /** A rate: tokens added per second and the most a bucket holds; 0 per second is unlimited. */
  public record Rate(double perSecond, int burst) {

    /** Parses {@code "20/50"} (per second / burst). */
    public static Rate parse(final String text) {
      final String[] parts = text.strip().split("/");
      if (parts.length != 2) {
        throw new IllegalArgumentException("a rate is '<per second>/<burst>', not '" + text + "'");
      }
      return new Rate(Double.parseDouble(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    }

    boolean unlimited() {
      return perSecond <= 0;
    }
  }

  /** Whether a request may go on, and if not, in how many seconds it may. */
  public record Decision(boolean allowed, long retryAfterSeconds) {}

  private final Rate defaultRate;
  private final Map<String, Rate> overrides;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimits(
      final Rate defaultRate, final Map<String, Rate> overrides, final LongSupplier nanoTime) {
    this.defaultRate = defaultRate;
    this.overrides = Map.copyOf(overrides);
    this.nanoTime = nanoTime;
  }

  public Decision take(final String caller) {
    final Rate rate = overrides.getOrDefault(caller, defaultRate);
    if (rate.unlimited()) {
      return new Decision(true, 0);
    }
    return buckets
        .computeIfAbsent(caller, k -> new Bucket(rate, nanoTime.getAsLong()))
        .take(nanoTime.getAsLong());
  }

  private static final class Bucket {
    private final Rate rate;
    private double tokens;
    private long updatedNanos;

    Bucket(final Rate rate, final long now) {
      this.rate = rate;
      this.tokens = rate.burst();
      this.updatedNanos = now;
    }

    synchronized Decision take(final long now) {
      tokens =
          Math.min(
              rate.burst(), tokens + (now - updatedNanos) / 1_000_000_000.0 * rate.perSecond());
      updatedNanos = now;
      if (tokens >= 1) {
        tokens -= 1;
        return new Decision(true, 0);
      }
      return new Decision(false, (long) Math.ceil((1 - tokens) / rate.perSecond()));
    }
  }
}
