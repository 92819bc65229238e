package io.pinflow.embedded;

import io.pinflow.embedded.database.EmbeddedMariaDb;
import io.pinflow.embedded.engine.EmbeddedEngine;
import io.pinflow.embedded.engine.EngineState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine (with its gRPC gateway) and MariaDB as servers of their own, in a JVM apart
 * from the application: what remote mode needs, on one machine, without a Camunda cluster or a
 * MySQL server. Both listen on {@code 127.0.0.1} only.
 *
 * <pre>
 * java -cp … io.pinflow.embedded.StandaloneServers --data-dir=./data/standalone \
 *     --engine-port=26500 --database-port=3307 [--schema=pinflow] [--stop-when-stdin-closes]
 * </pre>
 *
 * <p>Port {@code 0} picks a free port. Once both are up it prints one line, {@code READY
 * engine=127.0.0.1:<port> rest=http://127.0.0.1:<port> db=<jdbc url>}, on standard output (the
 * database user is {@code root} without a password; the schema is created on the first connection).
 * It stops both on SIGTERM or Ctrl-C and, with {@code --stop-when-stdin-closes}, when its standard
 * input closes (the process that started it ended). A start that fails prints the reason and exits
 * with status 1; wrong arguments exit with status 2.
 */
public final class StandaloneServers {

  static final String READY = "READY";
  private static final String LOGGING_CONFIG = "io/pinflow/embedded/standalone-logback.xml";

  private StandaloneServers() {}

  public static void main(final String[] args) {
    // before the first logger: INFO on the console rather than logback's default DEBUG
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING_CONFIG);
    }
    final Options options;
    try {
      options = Options.parse(args);
    } catch (final IllegalArgumentException e) {
      System.err.println("StandaloneServers: " + e.getMessage());
      System.err.println(
          "usage: StandaloneServers [--data-dir=./data/standalone] [--engine-port=26500]"
              + " [--engine-rest-port=26580] [--database-port=3307] [--schema=pinflow] [--stop-when-stdin-closes]");
      System.exit(2);
      return;
    }
    final Logger log = LoggerFactory.getLogger(StandaloneServers.class);
    final EmbeddedRuntime runtime =
        EmbeddedRuntime.start(
            options.dataDir(),
            options.databasePort(),
            options.enginePort(),
            options.engineRestPort(),
            // a fresh engine at every start, as the tests that run it expect
            EngineState.of("rocksdb", options.dataDir().resolve("engine")));
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping the engine and MariaDB");
                  runtime.close();
                  stopped.countDown();
                },
                "pinflow-standalone-stop"));
    final EmbeddedEngine engine;
    final EmbeddedMariaDb database;
    try {
      engine = runtime.engine();
      database = runtime.database();
    } catch (final RuntimeException e) {
      log.error("Start failed", e);
      System.err.println("StandaloneServers did not start: " + describe(e));
      System.exit(1);
      return;
    }
    System.out.println(
        READY
            + " engine="
            + engine.getGatewayAddress()
            + " rest="
            + engine.getRestAddress()
            + " db="
            + database.jdbcUrl(options.schema()));
    System.out.flush();
    if (options.stopWhenStdinCloses()) {
      final Thread watcher =
          new Thread(
              () -> {
                drain(System.in);
                log.info("Standard input closed");
                System.exit(0);
              },
              "pinflow-standalone-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    try {
      stopped.await();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(final InputStream in) {
    final byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // whatever comes is ignored; only the end counts
      }
    } catch (final IOException e) {
      // a broken pipe is a closed one
    }
  }

  private static String describe(final Throwable failure) {
    final StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      text.append(": ").append(cause.getMessage());
    }
    return text.toString();
  }

  /** The command line, {@code --name=value} each. */
  record Options(
      Path dataDir,
      int enginePort,
      int engineRestPort,
      int databasePort,
      String schema,
      boolean stopWhenStdinCloses) {

    private static final Set<String> NAMES =
        Set.of("data-dir", "engine-port", "engine-rest-port", "database-port", "schema");

    static Options parse(final String[] args) {
      final Map<String, String> values = new LinkedHashMap<>();
      boolean stopWhenStdinCloses = false;
      for (final String arg : args) {
        if (arg.equals("--stop-when-stdin-closes")) {
          stopWhenStdinCloses = true;
          continue;
        }
        final int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 0 || !NAMES.contains(arg.substring(2, eq))) {
          throw new IllegalArgumentException("unknown argument " + arg);
        }
        values.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
      final String schema = values.getOrDefault("schema", "pinflow");
      if (!schema.matches("[A-Za-z0-9_]{1,64}")) {
        throw new IllegalArgumentException("--schema takes letters, digits and '_', was " + schema);
      }
      return new Options(
          Path.of(values.getOrDefault("data-dir", "./data/standalone")),
          port(values.getOrDefault("engine-port", "26500"), "engine-port"),
          port(values.getOrDefault("engine-rest-port", "26580"), "engine-rest-port"),
          port(values.getOrDefault("database-port", "3307"), "database-port"),
          schema,
          stopWhenStdinCloses);
    }

    private static int port(final String value, final String name) {
      final int port;
      try {
        port = Integer.parseInt(value.strip());
      } catch (final NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a number, was " + value);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "--" + name + " must be a TCP port (0 = any free port), was " + port);
      }
      return port == 0 ? FreePorts.find() : port;
    }
  }
}
