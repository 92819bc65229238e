package io.pinflow.api.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A row lock held from a database connection of its own, as a long transaction elsewhere would hold
 * it: whoever writes the row waits. The test sees who waits, in which statement, and can cut their
 * connection as a crash or a network failure would: the server rolls back what they had not
 * committed, and their client finds the connection gone.
 */
public final class RowLock implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * InnoDB refreshes its transaction and lock tables ({@code information_schema.INNODB_TRX}, {@code
   * INNODB_LOCK_WAITS}) only when nobody read them for 100 ms: asking more often sees them frozen.
   */
  private static final Duration POLL = Duration.ofMillis(250);

  private final Connection connection;

  /** A connection waiting for the lock, and the statement it waits in. */
  public record Waiter(long connectionId, String statement) {}

  private RowLock(final Connection connection) {
    this.connection = connection;
  }

  /** Locks the row of an order. */
  public static RowLock onOrder(final DataSource database, final String orderSn)
      throws SQLException {
    return lock(database, "SELECT order_sn FROM orders WHERE order_sn = ? FOR UPDATE", orderSn);
  }

  /** Locks the stock row of a SKU. */
  public static RowLock onStock(final DataSource database, final String outerSkuId)
      throws SQLException {
    return lock(
        database, "SELECT outer_sku_id FROM stock WHERE outer_sku_id = ? FOR UPDATE", outerSkuId);
  }

  private static RowLock lock(final DataSource database, final String sql, final String key)
      throws SQLException {
    final Connection connection = database.getConnection();
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, key);
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            throw new IllegalStateException("no row to lock for " + key);
          }
        }
      }
      return new RowLock(connection);
    } catch (final SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** Waits until a connection other than the {@code earlier} ones waits for this lock. */
  public Waiter awaitWaiter(final Waiter... earlier) {
    final Set<Long> seen = Stream.of(earlier).map(Waiter::connectionId).collect(Collectors.toSet());
    try {
      return await()
          .atMost(WAIT)
          .pollDelay(POLL)
          .pollInterval(POLL)
          .until(
              () -> waiters().stream().filter(w -> !seen.contains(w.connectionId())).findFirst(),
              Optional::isPresent)
          .orElseThrow();
    } catch (final ConditionTimeoutException nobody) {
      throw new AssertionError(
          "nobody new waits for the lock; the schema's connections: " + connections(), nobody);
    }
  }

  /** What each connection to the schema is doing, for failure messages. */
  private List<String> connections() {
    final List<String> connections = new ArrayList<>();
    try (Statement query = connection.createStatement();
        ResultSet rows =
            query.executeQuery(
                "SELECT id, command, state, time, info FROM information_schema.PROCESSLIST"
                    + " WHERE db = DATABASE()")) {
      while (rows.next()) {
        connections.add(
            "%d %s %s %ss: %s"
                .formatted(
                    rows.getLong(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getString(5)));
      }
    } catch (final SQLException e) {
      connections.add("(not readable: " + e.getMessage() + ")");
    }
    return connections;
  }

  private List<Waiter> waiters() throws SQLException {
    final List<Waiter> waiters = new ArrayList<>();
    try (Statement query = connection.createStatement();
        ResultSet rows =
            query.executeQuery(
                "SELECT waiting.trx_mysql_thread_id, waiting.trx_query"
                    + " FROM information_schema.INNODB_LOCK_WAITS w"
                    + " JOIN information_schema.INNODB_TRX waiting"
                    + " ON waiting.trx_id = w.requesting_trx_id"
                    + " JOIN information_schema.INNODB_TRX holding"
                    + " ON holding.trx_id = w.blocking_trx_id"
                    + " WHERE holding.trx_mysql_thread_id = CONNECTION_ID()")) {
      while (rows.next()) {
        waiters.add(new Waiter(rows.getLong(1), rows.getString(2)));
      }
    }
    return waiters;
  }

  /** Cuts the waiter's connection (MariaDB's {@code KILL CONNECTION}). */
  public void cut(final Waiter waiter) throws SQLException {
    try (Statement kill = connection.createStatement()) {
      kill.execute("KILL CONNECTION " + waiter.connectionId());
    }
  }

  /** Releases the lock: the waiters go on. */
  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } finally {
      connection.close();
    }
  }
}
