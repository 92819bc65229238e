package io.pinflow.api.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orders through the real order-to-ship flow, as an integration would send them: {@code POST
 * /api/orders} for shops on the simulated PDD, at an offered rate with at most {@code inFlight}
 * orders on their way at once (when that many are, the next waits: the load then follows the
 * application's pace). The simulated WMS ships each order at once and the simulated PDD reports it
 * delivered at once; Pinflow learns of the delivery through its PDD sync, as in production.
 *
 * <p>An order counts as completed when its timeline records {@code COMPLETED}; its latency runs
 * from just before its intake call to that entry's time.
 */
final class OrderLoad implements AutoCloseable {

  private static final int SUBMITTERS = 16;
  private static final Duration POLL = Duration.ofMillis(250);

  /** Timeline ids are taken at insert, rows commit in another order: look back this far. */
  private static final long TIMELINE_LOOK_BACK = 2_000;

  private static final String PRODUCT_HEADER =
      "outerGoodsId,outerSkuId,title,categoryId,spec,costFen,priceFen,images,listOnShop";

  private final Http http;
  private final JdbcClient jdbc;
  private final BenchmarkSettings.Orders settings;
  private final List<String> shops = new ArrayList<>();
  private final List<String> skus = new ArrayList<>();
  private final String orderSnPrefix;
  private final AtomicLong serial = new AtomicLong();

  private final Semaphore permits;
  private final Map<String, Instant> pending = new ConcurrentHashMap<>();
  private final List<Completion> completions = new ArrayList<>();
  private final boolean keepCompletions;
  private final AtomicLong completedCount = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong blockedNanos = new AtomicLong();
  private volatile String lastRejection = "";
  private volatile boolean submitting;
  private long lastTimelineId;

  private final ExecutorService submitters;
  private final ExecutorService pacer;
  private final ScheduledExecutorService poller;

  /** One completed order: when it was sent and when its timeline says it completed. */
  record Completion(Instant sentAt, Instant completedAt) {}

  /**
   * @param keepCompletions whether to keep when each order was sent and completed, for rates per
   *     window and latencies; without, only the count (the heap part: no record per order in the
   *     heap it measures)
   */
  OrderLoad(
      final Http http,
      final JdbcClient jdbc,
      final BenchmarkSettings.Orders settings,
      final boolean keepCompletions) {
    this.keepCompletions = keepCompletions;
    this.http = http;
    this.jdbc = jdbc;
    this.settings = settings;
    this.permits = new Semaphore(settings.inFlight());
    // PDD order numbers: yyMMdd-15 digits; a random run number keeps runs apart
    this.orderSnPrefix =
        LocalDate.now(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ofPattern("yyMMdd"))
            + "-"
            + ThreadLocalRandom.current().nextInt(1000, 10_000);
    this.submitters = Executors.newFixedThreadPool(SUBMITTERS, named("benchmark-intake-", true));
    this.pacer = Executors.newSingleThreadExecutor(named("benchmark-pacer", false));
    this.poller = Executors.newSingleThreadScheduledExecutor(named("benchmark-completions", false));
  }

  /**
   * Shops on the simulated PDD and SKUs with ample stock. Several shops, because PDD limits calls
   * per shop and API (20 a second by default): one shop alone could not upload tracking numbers for
   * more than 20 orders a second.
   */
  void setUp(final Path workDir) {
    for (int i = 1; i <= settings.shops(); i++) {
      final String shopId = "bench-shop-%02d".formatted(i);
      http.post("/api/shops", Map.of("shopId", shopId, "name", "Benchmark shop " + i))
          .expect(201, 409);
      shops.add(shopId);
    }
    final StringBuilder products = new StringBuilder(PRODUCT_HEADER).append('\n');
    final StringBuilder stock = new StringBuilder("outerSkuId,onHand\n");
    for (int i = 1; i <= settings.skus(); i++) {
      final String sku = "BENCH-SKU-%04d".formatted(i);
      skus.add(sku);
      products
          .append("BENCH-GOODS,")
          .append(sku)
          .append(",Benchmark item ")
          .append(i)
          .append(",1001,one size,1000,2500,,\n");
      stock.append(sku).append(",100000000\n");
    }
    upload(workDir, "/integrations/erp/products", "bench-products.csv", products.toString());
    upload(workDir, "/integrations/erp/stock", "bench-stock.csv", stock.toString());
    lastTimelineId =
        jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM timeline_events").query(Long.class).single();
    poller.scheduleWithFixedDelay(
        this::pollCompletions, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void upload(final Path workDir, final String path, final String name, final String csv) {
    try {
      final Path file = Files.writeString(workDir.resolve(name), csv);
      http.upload(path, file, "text/csv").expect(200, 201);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts sending orders at the offered rate until {@link #stopSubmitting()}. */
  void startSubmitting() {
    submitting = true;
    pacer.execute(this::pace);
  }

  void stopSubmitting() {
    submitting = false;
  }

  private void pace() {
    final double rate = settings.rate();
    final long interval = rate > 0 ? (long) (1e9 / rate) : 0;
    long next = System.nanoTime();
    while (submitting) {
      if (interval > 0) {
        final long now = System.nanoTime();
        if (next > now) {
          LockSupport.parkNanos(next - now);
        } else if (now - next > 1_000_000_000L) {
          // fell behind (the in-flight limit held us): no burst to catch up
          next = now;
        }
        next += interval;
      }
      try {
        if (!acquirePermit()) {
          return;
        }
      } catch (final InterruptedException e) {
        return;
      }
      if (!submitting) {
        permits.release();
        return;
      }
      submitters.execute(this::submitOne);
    }
  }

  /** Waits for room under the in-flight limit, counting the time waited; false when stopped. */
  private boolean acquirePermit() throws InterruptedException {
    while (submitting) {
      final long begin = System.nanoTime();
      final boolean acquired = permits.tryAcquire(50, TimeUnit.MILLISECONDS);
      final long waited = System.nanoTime() - begin;
      if (waited > 1_000_000) {
        blockedNanos.addAndGet(waited);
      }
      if (acquired) {
        return true;
      }
    }
    return false;
  }

  private void submitOne() {
    final long number = serial.incrementAndGet();
    final String orderSn = "%s%011d".formatted(orderSnPrefix, number);
    final String shopId = shops.get((int) (number % shops.size()));
    final String sku = skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
    final Instant now = Instant.now();
    pending.put(orderSn, now);
    try {
      final Http.Answer answer = http.post("/api/orders", body(orderSn, shopId, sku, now));
      if (answer.status() != 201) {
        reject(orderSn, "HTTP " + answer.status() + ": " + answer.body());
      }
    } catch (final RuntimeException e) {
      reject(orderSn, e.getMessage());
    }
  }

  private void reject(final String orderSn, final String why) {
    if (pending.remove(orderSn) != null) {
      permits.release();
    }
    rejected.incrementAndGet();
    lastRejection = why.length() > 300 ? why.substring(0, 300) : why;
  }

  private static Map<String, Object> body(
      final String orderSn, final String shopId, final String sku, final Instant now) {
    return Map.of(
        "shopId",
        shopId,
        "orderSn",
        orderSn,
        "confirmTime",
        now.atOffset(ZoneOffset.ofHours(8)).toString(),
        "lastShipTime",
        now.plus(Duration.ofHours(48)).atOffset(ZoneOffset.ofHours(8)).toString(),
        "items",
        List.of(Map.of("outerSkuId", sku, "quantity", 1, "priceFen", 2500)),
        "payAmountFen",
        2500,
        "receiver",
        Map.of(
            "nameMask",
            "张*",
            "phoneMask",
            "138****%04d".formatted(ThreadLocalRandom.current().nextInt(10_000)),
            "addressMask",
            "上海市****"));
  }

  private void pollCompletions() {
    try {
      final long newest =
          jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM timeline_events").query(Long.class).single();
      final List<Map<String, Object>> rows =
          jdbc.sql(
                  "SELECT order_sn, at FROM timeline_events"
                      + " WHERE id > :from AND id <= :to AND type = 'COMPLETED'")
              .param("from", Math.max(0, lastTimelineId - TIMELINE_LOOK_BACK))
              .param("to", newest)
              .query()
              .listOfRows();
      lastTimelineId = newest;
      for (final Map<String, Object> row : rows) {
        final Instant sentAt = pending.remove((String) row.get("order_sn"));
        if (sentAt != null) {
          final Instant completedAt = completedAt(row.get("at"));
          if (keepCompletions) {
            synchronized (completions) {
              completions.add(new Completion(sentAt, completedAt));
            }
          }
          completedCount.incrementAndGet();
          permits.release();
        }
      }
    } catch (final RuntimeException e) {
      Benchmarks.print("  (completion poll failed: " + e.getMessage() + ")");
    }
  }

  private static Instant completedAt(final Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    return (Instant) value;
  }

  /** Waits until every order sent has completed, or the timeout; whether all did. */
  boolean awaitDrained(final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(POLL.toMillis());
    }
    return pending.isEmpty();
  }

  long completed() {
    return completedCount.get();
  }

  long completedBetween(final Instant from, final Instant to) {
    synchronized (completions) {
      return completions.stream()
          .filter(c -> !c.completedAt().isBefore(from) && c.completedAt().isBefore(to))
          .count();
    }
  }

  /** Latencies of the orders sent in the window that have completed. */
  Latencies latenciesOfOrdersSentBetween(final Instant from, final Instant to) {
    final Latencies latencies = new Latencies();
    synchronized (completions) {
      completions.stream()
          .filter(c -> !c.sentAt().isBefore(from) && c.sentAt().isBefore(to))
          .forEach(c -> latencies.add(Duration.between(c.sentAt(), c.completedAt()).toNanos()));
    }
    return latencies;
  }

  int pending() {
    return pending.size();
  }

  long rejected() {
    return rejected.get();
  }

  String lastRejection() {
    return lastRejection;
  }

  /** Time the pacer waited because the in-flight limit was reached. */
  Duration blocked() {
    return Duration.ofNanos(blockedNanos.get());
  }

  long sent() {
    return serial.get();
  }

  @Override
  public void close() {
    submitting = false;
    pacer.shutdownNow();
    submitters.shutdownNow();
    poller.shutdownNow();
  }

  private static ThreadFactory named(final String name, final boolean numbered) {
    final AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      final Thread thread =
          new Thread(runnable, numbered ? name + counter.incrementAndGet() : name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
