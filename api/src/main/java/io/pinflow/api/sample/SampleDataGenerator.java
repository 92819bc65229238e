package io.pinflow.api.sample;

import io.pinflow.domain.shop.Shops;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a sample history straight into the database: sample shops, their catalogue and stock, then
 * day by day the orders with their lines, parcels and after-sales cases. Nothing goes through the
 * order intake and no process starts: the rows are history.
 *
 * <p>One thread generates, {@code pinflow.sample-data.writers} threads write batches of about a
 * thousand orders, each batch in one transaction.
 */
@Component
class SampleDataGenerator {

  static final String SHOP_PREFIX = "sample-shop-";
  static final int ORDERS_PER_BATCH = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(SampleDataGenerator.class);
  private static final SampleBatch END = new SampleBatch();

  private final DataSource dataSource;
  private final Shops shops;
  private final int writers;

  SampleDataGenerator(
      final DataSource dataSource, final Shops shops, final SampleDataProperties properties) {
    this.dataSource = dataSource;
    this.shops = shops;
    this.writers = Math.max(1, properties.writers());
  }

  /** Told after each committed batch. */
  interface Progress {
    void written(int orders, int afterSales);
  }

  record Result(long orders, long afterSales, int run) {}

  Result generate(final SamplePlan plan, final Progress progress)
      throws SQLException, InterruptedException {
    final long started = System.nanoTime();
    final List<String> shopIds = new ArrayList<>();
    for (int i = 1; i <= plan.shops(); i++) {
      final String shopId = SHOP_PREFIX + i;
      shops.ensureSimulated(shopId, "Sample shop " + i + " (generated history)");
      shopIds.add(shopId);
    }
    final SampleCatalog catalog = SampleCatalog.of(plan.skus(), plan.shops(), plan.seed());
    final int run;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        SampleDataWriter.catalogue(
            connection,
            catalog,
            plan.firstDay().atStartOfDay(SamplePlan.ZONE).toEpochSecond() * 1000);
        run = nextRun(connection);
        connection.commit();
      } catch (final SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
    final SampleCalendar calendar =
        SampleCalendar.of(plan.firstDay(), plan.endDate(), plan.ordersPerDay(), plan.seed());
    final long planned = calendar.total();
    LOG.info(
        "Sample data: generating {} orders ({}), order numbers with run {}",
        planned,
        plan.describe(),
        run);

    final BlockingQueue<SampleBatch> queue = new ArrayBlockingQueue<>(writers * 2);
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final ProgressLog log = new ProgressLog(planned, started, progress);
    final List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      final Thread thread =
          new Thread(() -> write(queue, failure, log), "pinflow-sample-writer-" + (w + 1));
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    final SampleHistory history = new SampleHistory(plan, catalog, shopIds, run);
    final Batcher batcher = new Batcher(queue, failure);
    try {
      for (int d = 0; d < calendar.days(); d++) {
        history.day(calendar.day(d), calendar.count(d), calendar.season(d), batcher);
      }
      batcher.flush();
      for (int w = 0; w < writers; w++) {
        batcher.hand(END);
      }
      for (final Thread thread : threads) {
        thread.join();
      }
    } catch (final InterruptedException | RuntimeException e) {
      threads.forEach(Thread::interrupt);
      throw e;
    }
    if (failure.get() != null) {
      throw failed(failure.get());
    }
    final long elapsed = (System.nanoTime() - started) / 1_000_000;
    LOG.info(
        "Sample data: {} orders and {} after-sales cases written in {} ms",
        log.orders(),
        log.afterSales(),
        elapsed);
    return new Result(log.orders(), log.afterSales(), run);
  }

  private void write(
      final BlockingQueue<SampleBatch> queue,
      final AtomicReference<Throwable> failure,
      final ProgressLog log) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        while (true) {
          final SampleBatch batch = queue.take();
          if (batch == END || failure.get() != null) {
            return;
          }
          try {
            SampleDataWriter.write(connection, batch);
            connection.commit();
          } catch (final SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
          }
          log.written(batch.orders.size(), batch.afterSales.size());
        }
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (final InterruptedException e) {
      failure.compareAndSet(null, e);
    } catch (final Throwable e) {
      failure.compareAndSet(null, e);
      LOG.warn("Sample data: writing a batch failed", e);
    }
  }

  private static RuntimeException failed(final Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException(cause.getMessage(), cause);
  }

  /**
   * The next run number: it is part of every order and case number a run writes, so that runs never
   * collide, whatever their seeds.
   */
  private static int nextRun(final Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COALESCE(MAX(CAST(SUBSTRING(order_sn, 9, 3) AS UNSIGNED)), 0) FROM orders"
                    + " WHERE shop_id LIKE ? AND order_sn LIKE '_______9%'");
        ResultSet rows = bind(statement, SHOP_PREFIX + "%").executeQuery()) {
      rows.next();
      final int run = rows.getInt(1) + 1;
      if (run > 999) {
        throw new IllegalStateException(
            "999 sample runs exist already; start from a fresh data dir");
      }
      return run;
    }
  }

  private static PreparedStatement bind(final PreparedStatement statement, final String value)
      throws SQLException {
    statement.setString(1, value);
    return statement;
  }

  /** Collects a batch of orders and hands it to the writers when full. */
  private static final class Batcher implements SampleHistory.Sink {

    private final BlockingQueue<SampleBatch> queue;
    private final AtomicReference<Throwable> failure;
    private SampleBatch batch = new SampleBatch();

    Batcher(final BlockingQueue<SampleBatch> queue, final AtomicReference<Throwable> failure) {
      this.queue = queue;
      this.failure = failure;
    }

    @Override
    public SampleBatch batch() {
      return batch;
    }

    @Override
    public void orderDone() {
      if (batch.orders.size() >= ORDERS_PER_BATCH) {
        flush();
      }
    }

    void flush() {
      if (!batch.orders.isEmpty()) {
        hand(batch);
        batch = new SampleBatch();
      }
    }

    void hand(final SampleBatch full) {
      try {
        while (!queue.offer(full, 200, TimeUnit.MILLISECONDS)) {
          if (failure.get() != null) {
            throw failed(failure.get());
          }
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("sample data generation was interrupted", e);
      }
    }
  }

  /** Counts what was written and logs every tenth of the plan. */
  private static final class ProgressLog {

    private final long planned;
    private final long started;
    private final Progress progress;
    private long orders;
    private long afterSales;
    private int tenths;

    ProgressLog(final long planned, final long started, final Progress progress) {
      this.planned = Math.max(1, planned);
      this.started = started;
      this.progress = progress;
    }

    synchronized void written(final int batchOrders, final int batchAfterSales) {
      orders += batchOrders;
      afterSales += batchAfterSales;
      progress.written(batchOrders, batchAfterSales);
      final int now = (int) (orders * 10 / planned);
      if (now > tenths) {
        tenths = now;
        LOG.info(
            "Sample data: {} % ({} of {} orders) after {} s",
            Math.min(100, now * 10),
            orders,
            planned,
            String.format("%.1f", (System.nanoTime() - started) / 1e9));
      }
    }

    synchronized long orders() {
      return orders;
    }

    synchronized long afterSales() {
      return afterSales;
    }
  }
}
