package io.pinflow.embedded.engine;

import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.process.test.engine.EngineAssembly;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the embedded engine keeps its state (process definitions, running instances, jobs, timers,
 * message subscriptions).
 *
 * <p>{@code rocksdb} (the default): the RocksDB store of Zeebe's brokers, in a folder that is
 * emptied at every start (the log is in memory, so state without it could not be resumed); its
 * ordered prefix iteration keeps lookups fast however much state is live, and its memory is off the
 * Java heap. {@code memory}: sorted maps on the heap as in zeebe-process-test-engine, kept for
 * comparison; {@code original}: those maps and the whole log kept, the in-memory engine as it came
 * (benchmarks only: its heap grows with every instance).
 */
public final class EngineState {

  /** RocksDB memory for memtables and block cache together. */
  private static final long ROCKSDB_MEMORY = 64L * 1024 * 1024;

  private final Path folder;
  private final boolean temporary;
  private final boolean wholeLog;

  private EngineState(final Path folder, final boolean temporary, final boolean wholeLog) {
    this.folder = folder;
    this.temporary = temporary;
    this.wholeLog = wholeLog;
  }

  /**
   * From configuration: {@code rocksdb} (state in {@code folder}), {@code memory} or {@code
   * original}.
   */
  public static EngineState of(final String kind, final Path folder) {
    return switch (kind.strip().toLowerCase(Locale.ROOT)) {
      case "rocksdb" -> new EngineState(folder, false, false);
      case "memory" -> new EngineState(null, false, false);
      case "original" -> new EngineState(null, false, true);
      default ->
          throw new IllegalArgumentException(
              "pinflow.embedded.engine.state must be rocksdb, memory or original, not '"
                  + kind
                  + "'");
    };
  }

  /** Whether the engine keeps its whole log instead of cutting it behind processing. */
  public boolean keepsWholeLog() {
    return wholeLog;
  }

  /** RocksDB in a new temporary folder, deleted when the engine stops. */
  public static EngineState rocksDbInTemporaryFolder() {
    try {
      return new EngineState(Files.createTempDirectory("pinflow-engine-state-"), true, false);
    } catch (final IOException e) {
      throw new UncheckedIOException("no temporary folder for the engine state", e);
    }
  }

  ZeebeDb<ZbColumnFamilies> open() {
    if (folder == null) {
      return EngineAssembly.heapDatabase();
    }
    deleteFolder();
    final RocksDbConfiguration configuration =
        new RocksDbConfiguration().setWalDisabled(true).setMemoryLimit(ROCKSDB_MEMORY);
    return new ZeebeRocksDbFactory<ZbColumnFamilies>(
            configuration,
            new ConsistencyChecksSettings(false, false),
            new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
            SimpleMeterRegistry::new)
        .createDb(folder.toFile());
  }

  /** Removes a temporary folder once the engine stopped; a configured one waits for the start. */
  void discard() {
    if (temporary) {
      deleteFolder();
    }
  }

  private void deleteFolder() {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(EngineState::delete);
    } catch (final IOException e) {
      throw new UncheckedIOException("could not empty the engine state folder " + folder, e);
    }
  }

  private static void delete(final Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (final IOException e) {
      throw new UncheckedIOException("could not delete " + file, e);
    }
  }

  @Override
  public String toString() {
    return folder == null
        ? wholeLog ? "state in memory, whole log kept" : "state in memory"
        : "state in RocksDB at " + folder;
  }
}
