package io.pinflow.connectors.pdd;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One governor for every PDD call: a token bucket per shop and API (the platform limits per shop
 * and per API; rates are configurable since the published ones are not verified), and a back-off
 * per shop after a throttling answer (52101) that doubles while the platform keeps throttling.
 */
@Component
public class PddRateGovernor {

  private static final Logger LOG = LoggerFactory.getLogger(PddRateGovernor.class);

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
  private final Map<String, Double> perApiRates;
  private final double defaultRate;
  private final Duration maxWait;
  private final Duration firstBackoff;
  private final Duration maxBackoff;

  public PddRateGovernor(
      final PddMaps maps,
      @Value("${pinflow.pdd.default-rate-per-second:20}") final double defaultRate,
      @Value("${pinflow.pdd.max-wait:PT10S}") final Duration maxWait,
      @Value("${pinflow.pdd.throttle-backoff:PT1S}") final Duration firstBackoff,
      @Value("${pinflow.pdd.throttle-max-backoff:PT2M}") final Duration maxBackoff) {
    this.perApiRates = maps.rateLimits();
    this.defaultRate = defaultRate;
    this.maxWait = maxWait;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** Blocks until the call may go out; throws when that would take longer than the max wait. */
  public void acquire(final String shopId, final String api) {
    final long deadline = System.nanoTime() + maxWait.toNanos();
    final Backoff backoff = backoffs.get(shopId);
    if (backoff != null) {
      final long pause = backoff.until - System.nanoTime();
      if (pause > maxWait.toNanos()) {
        throw new PddApiException(
            api,
            PddApiException.THROTTLED,
            "backing-off",
            "shop " + shopId + " is throttled, paused");
      }
      sleepNanos(pause);
    }
    final Bucket bucket =
        buckets.computeIfAbsent(
            shopId + "/" + api, k -> new Bucket(perApiRates.getOrDefault(api, defaultRate)));
    while (!bucket.tryTake()) {
      if (System.nanoTime() > deadline) {
        throw new PddApiException(
            api,
            PddApiException.THROTTLED,
            "local-limit",
            "rate limit of " + api + " for " + shopId);
      }
      sleepNanos(bucket.nanosUntilNext());
    }
  }

  /** The platform said 52101: pause the shop, longer each time it repeats. */
  public Duration throttled(final String shopId) {
    final Backoff next =
        backoffs.compute(
            shopId,
            (k, previous) -> {
              final Duration pause =
                  previous == null ? firstBackoff : min(previous.pause.multipliedBy(2), maxBackoff);
              return new Backoff(pause, System.nanoTime() + pause.toNanos());
            });
    LOG.warn("PDD throttles shop {}: pausing its calls for {}", shopId, next.pause);
    return next.pause;
  }

  public void succeeded(final String shopId) {
    final Backoff backoff = backoffs.get(shopId);
    if (backoff != null && backoff.until < System.nanoTime()) {
      backoffs.remove(shopId, backoff);
    }
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleepNanos(final long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the PDD rate limit", e);
    }
  }

  private record Backoff(Duration pause, long until) {}

  /** A token bucket holding one second's worth of calls. */
  private static final class Bucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long refilledAt = System.nanoTime();

    Bucket(final double ratePerSecond) {
      this.ratePerNano = ratePerSecond / 1e9;
      this.capacity = Math.max(1, ratePerSecond);
      this.tokens = capacity;
    }

    synchronized boolean tryTake() {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }

    synchronized long nanosUntilNext() {
      refill();
      return (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    private void refill() {
      final long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerNano);
      refilledAt = now;
    }
  }
}
