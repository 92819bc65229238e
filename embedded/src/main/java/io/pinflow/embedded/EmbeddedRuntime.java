package io.pinflow.embedded;

import io.pinflow.embedded.database.EmbeddedMariaDb;
import io.pinflow.embedded.engine.EmbeddedEngine;
import io.pinflow.embedded.engine.EngineState;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine and MariaDB, both started in the background as soon as the environment is
 * known, so that they boot while Spring builds the rest of the context. The beans that need them
 * wait for them.
 */
public final class EmbeddedRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRuntime.class);

  private final CompletableFuture<EmbeddedMariaDb> database;
  private final CompletableFuture<EmbeddedEngine> engine;

  private EmbeddedRuntime(
      final CompletableFuture<EmbeddedMariaDb> database,
      final CompletableFuture<EmbeddedEngine> engine) {
    this.database = database;
    this.engine = engine;
  }

  static EmbeddedRuntime start(
      final Path dataDir,
      final int databasePort,
      final int enginePort,
      final int engineRestPort,
      final EngineState engineState) {
    final var database =
        CompletableFuture.supplyAsync(
            () -> {
              final var server = new EmbeddedMariaDb(dataDir.resolve("mariadb"), databasePort);
              server.start();
              return server;
            },
            runnable -> daemon("pinflow-embedded-db-start", runnable));
    final var engine =
        CompletableFuture.supplyAsync(
            () -> {
              final var zeebe =
                  engineState.keepsWholeLog()
                      ? EmbeddedEngine.keepingItsLog(enginePort, engineRestPort, engineState)
                      : EmbeddedEngine.onLoopback(enginePort, engineRestPort, engineState);
              zeebe.start();
              return zeebe;
            },
            runnable -> daemon("pinflow-embedded-engine-start", runnable));
    return new EmbeddedRuntime(database, engine);
  }

  private static void daemon(final String name, final Runnable runnable) {
    final var thread = new Thread(runnable, name);
    thread.setDaemon(true);
    thread.start();
  }

  public EmbeddedMariaDb database() {
    return await(database);
  }

  public EmbeddedEngine engine() {
    return await(engine);
  }

  private static <T> T await(final CompletableFuture<T> start) {
    try {
      return start.join();
    } catch (final CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public void close() {
    engine.thenAccept(EmbeddedEngine::stop).exceptionally(this::ignore).join();
    database.thenAccept(EmbeddedMariaDb::stop).exceptionally(this::ignore).join();
  }

  private Void ignore(final Throwable failure) {
    LOG.debug("embedded part had not started", failure);
    return null;
  }
}
