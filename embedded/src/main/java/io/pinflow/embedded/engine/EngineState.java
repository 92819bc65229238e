package io.pinflow.embedded.engine;

import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.process.test.engine.EngineAssembly;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.stream.impl.state.DbLastProcessedPositionState;
import io.camunda.zeebe.util.VersionUtil;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the embedded engine keeps its state (process definitions, running instances, jobs, timers,
 * message subscriptions) and, when it is to outlive the process, its log.
 *
 * <p>{@code rocksdb} (the default): the RocksDB store of Zeebe's brokers; its ordered prefix
 * iteration keeps lookups fast however much state is live, and its memory is off the Java heap.
 * With {@code resume} (the default) the state ({@code state/}, RocksDB with its write-ahead log)
 * and the log not yet taken into it ({@code log/}, a {@link LogJournal}) stay in the folder, and
 * the next start goes on from them: running instances, timers, jobs and user tasks survive a
 * restart or a crash of the process. A folder that cannot be resumed (first start, another engine
 * version, state and log that do not fit together) is emptied and the engine starts afresh, which
 * the application answers by re-driving its unfinished business objects. Without {@code resume} the
 * folder is emptied at every start.
 *
 * <p>{@code memory}: sorted maps on the heap as in zeebe-process-test-engine, kept for comparison;
 * {@code original}: those maps and the whole log kept, the in-memory engine as it came (benchmarks
 * only: its heap grows with every instance).
 */
public final class EngineState {

  private static final Logger LOG = LoggerFactory.getLogger(EngineState.class);

  /** RocksDB memory for memtables and block cache together. */
  private static final long ROCKSDB_MEMORY = 64L * 1024 * 1024;

  /** Size at which the log journal starts a new segment file. */
  private static final long LOG_SEGMENT_BYTES = 16L * 1024 * 1024;

  /** Layout of the folder; a folder of another layout is not resumed. */
  private static final String LAYOUT = "1";

  private static final String MARKER = "engine.properties";

  private final Path folder;
  private final boolean temporary;
  private final boolean wholeLog;
  private final boolean resume;
  private Opened opened;

  private EngineState(
      final Path folder, final boolean temporary, final boolean wholeLog, final boolean resume) {
    this.folder = folder;
    this.temporary = temporary;
    this.wholeLog = wholeLog;
    this.resume = resume;
  }

  /**
   * From configuration: {@code rocksdb} (state in {@code folder}, resumed at the next start when
   * {@code resume}), {@code memory} or {@code original}.
   */
  public static EngineState of(final String kind, final Path folder, final boolean resume) {
    return switch (kind.strip().toLowerCase(Locale.ROOT)) {
      case "rocksdb" -> new EngineState(folder, false, false, resume);
      case "memory" -> new EngineState(null, false, false, false);
      case "original" -> new EngineState(null, false, true, false);
      default ->
          throw new IllegalArgumentException(
              "pinflow.embedded.engine.state must be rocksdb, memory or original, not '"
                  + kind
                  + "'");
    };
  }

  /** From configuration, the folder emptied at every start. */
  public static EngineState of(final String kind, final Path folder) {
    return of(kind, folder, false);
  }

  /** Whether the engine keeps its whole log instead of cutting it behind processing. */
  public boolean keepsWholeLog() {
    return wholeLog;
  }

  /** RocksDB in a new temporary folder, deleted when the engine stops. */
  public static EngineState rocksDbInTemporaryFolder() {
    try {
      return new EngineState(
          Files.createTempDirectory("pinflow-engine-state-"), true, false, false);
    } catch (final IOException e) {
      throw new UncheckedIOException("no temporary folder for the engine state", e);
    }
  }

  /**
   * The state opened: the database, the log storage when the log is kept on disk, whether it goes
   * on from an earlier run, and the id of the engine run its keys belong to.
   *
   * @param log the log with its journal, or {@code null} when the log lives in memory only
   */
  public record Opened(
      ZeebeDb<ZbColumnFamilies> database,
      CompactingLogStorage log,
      boolean resumed,
      String runId) {}

  /**
   * Opens the state, once: later calls return what the first one opened. Whether the engine goes on
   * from an earlier run and the run id are known from here on.
   */
  public synchronized Opened open() {
    if (opened == null) {
      opened = openOnce();
    }
    return opened;
  }

  private Opened openOnce() {
    if (folder == null) {
      return new Opened(EngineAssembly.heapDatabase(), null, false, newRunId());
    }
    if (!resume) {
      deleteFolder();
      return new Opened(openDatabase(false), null, false, newRunId());
    }
    final Properties marker = readMarker();
    if (marker != null) {
      final String mismatch = mismatch(marker);
      if (mismatch == null) {
        final Opened resumed = tryResume(marker.getProperty("run-id"));
        if (resumed != null) {
          return resumed;
        }
      } else {
        LOG.warn(
            "The engine state in {} was written by {}: starting an empty engine;"
                + " unfinished business objects are re-driven from the database",
            folder,
            mismatch);
      }
    }
    deleteFolder();
    final String runId = newRunId();
    writeMarker(runId);
    final var journal = LogJournal.open(folder.resolve("log"), LOG_SEGMENT_BYTES);
    return new Opened(openDatabase(true), new CompactingLogStorage(journal), false, runId);
  }

  /** The state and log of the earlier run, or {@code null} when they do not fit together. */
  private Opened tryResume(final String runId) {
    final var log =
        new CompactingLogStorage(LogJournal.open(folder.resolve("log"), LOG_SEGMENT_BYTES));
    final ZeebeDb<ZbColumnFamilies> database = openDatabase(true);
    final long processed =
        new DbLastProcessedPositionState(database, database.createContext())
            .getLastSuccessfulProcessedRecordPosition();
    final String misfit;
    if (processed > log.lastPosition()) {
      misfit = "its state processed position " + processed + ", beyond its log's end";
    } else if (processed > 0 && log.firstPosition() > processed) {
      misfit = "its log starts at " + log.firstPosition() + ", after the state's " + processed;
    } else {
      // what the state holds already need not be read again, nor kept in memory
      log.compactBelow(processed);
      LOG.info(
          "Resuming the engine state in {}: processed up to position {}, log {} to {}",
          folder,
          processed,
          log.firstPosition(),
          log.lastPosition());
      return new Opened(database, log, true, runId);
    }
    LOG.warn(
        "The engine state in {} cannot be resumed ({}): starting an empty engine;"
            + " unfinished business objects are re-driven from the database",
        folder,
        misfit);
    closeQuietly(database);
    log.close();
    return null;
  }

  /** Why a folder with this marker is not to be resumed, or {@code null} when it may be. */
  private static String mismatch(final Properties marker) {
    if (!LAYOUT.equals(marker.getProperty("layout"))) {
      return "another folder layout (" + marker.getProperty("layout") + ")";
    }
    final String runId = marker.getProperty("run-id");
    if (runId == null || runId.isBlank()) {
      return "a marker without run id";
    }
    final String zeebe = marker.getProperty("zeebe");
    return VersionUtil.getVersion().equals(zeebe) ? null : "Zeebe " + zeebe;
  }

  private Properties readMarker() {
    final Path file = folder.resolve(MARKER);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    final Properties marker = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      marker.load(reader);
      return marker;
    } catch (final IOException | IllegalArgumentException e) {
      LOG.warn("The engine state's marker {} is unreadable", file, e);
      return null;
    }
  }

  private void writeMarker(final String runId) {
    final Properties marker = new Properties();
    marker.setProperty("layout", LAYOUT);
    marker.setProperty("zeebe", VersionUtil.getVersion());
    marker.setProperty("run-id", runId);
    try {
      Files.createDirectories(folder);
      try (Writer writer = Files.newBufferedWriter(folder.resolve(MARKER))) {
        marker.store(writer, "Pinflow's embedded engine: state and log of one engine run");
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("could not write " + folder.resolve(MARKER), e);
    }
  }

  private static String newRunId() {
    return UUID.randomUUID().toString();
  }

  /** With a write-ahead log the state survives the process dying between two flushes. */
  private ZeebeDb<ZbColumnFamilies> openDatabase(final boolean durable) {
    try {
      Files.createDirectories(folder);
    } catch (final IOException e) {
      throw new UncheckedIOException("could not make the engine state folder " + folder, e);
    }
    final RocksDbConfiguration configuration =
        new RocksDbConfiguration().setWalDisabled(!durable).setMemoryLimit(ROCKSDB_MEMORY);
    return new ZeebeRocksDbFactory<ZbColumnFamilies>(
            configuration,
            new ConsistencyChecksSettings(false, false),
            new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
            SimpleMeterRegistry::new)
        .createDb(folder.resolve("state").toFile());
  }

  private static void closeQuietly(final ZeebeDb<ZbColumnFamilies> database) {
    try {
      database.close();
    } catch (final Exception e) {
      LOG.debug("closing the engine state", e);
    }
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
    if (folder == null) {
      return wholeLog ? "state in memory, whole log kept" : "state in memory";
    }
    return resume ? "state and log in " + folder : "state in RocksDB at " + folder;
  }
}
