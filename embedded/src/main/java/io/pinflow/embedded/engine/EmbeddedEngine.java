package io.pinflow.embedded.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.impl.ZeebeObjectMapper;
import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineAssembly;
import io.camunda.zeebe.process.test.engine.UserTaskCommands;
import io.grpc.Server;
import io.pinflow.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zeebe engine running inside this JVM with its gRPC gateway on the loopback interface, and
 * beside it the user-task part of Camunda's REST API ({@link UserTaskRestApi}).
 *
 * <p>Camunda Modeler, zbctl and the Camunda client reach it at {@code 127.0.0.1:<port>}; other
 * hosts cannot, since the gateway has no authentication.
 */
public final class EmbeddedEngine implements ZeebeTestEngine, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);
  private static final long IDLE_CHECK_INTERVAL_MS = 25;
  private static final int IDLE_CHECKS_IN_A_ROW = 2;

  private static final long COMPACTION_INTERVAL_MS = 1_000;
  private static final Duration USER_TASK_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private final InetSocketAddress address;
  private final InetSocketAddress restAddress;
  private final UserTaskRestApi restApi;
  private final EngineState state;
  private final EngineAssembly.Parts parts;
  private final CompactingLogStorage compactingLog;
  private final AtomicLong commits = new AtomicLong();
  private final EngineLogFollower log;
  private final boolean resumed;
  private final String runId;
  private final ResumedStateReader resumedState;
  private final ScheduledExecutorService compaction;
  private Server gateway;
  private volatile boolean running;

  private EmbeddedEngine(
      final InetSocketAddress address,
      final InetSocketAddress restAddress,
      final boolean keepRecordStream,
      final boolean cutLog,
      final EngineState state) {
    this.address = address;
    this.restAddress = restAddress;
    this.state = state;
    requireFreePort(address);
    requireFreePort(restAddress);
    this.restApi = new UserTaskRestApi(restAddress, this);
    final EngineState.Opened opened = state.open();
    this.resumed = opened.resumed();
    this.runId = opened.runId();
    // the record stream of tests reads the whole log: only without it may the log be cut
    if (keepRecordStream || !cutLog) {
      this.compactingLog = null;
    } else {
      this.compactingLog = opened.log() == null ? new CompactingLogStorage() : opened.log();
    }
    this.parts =
        EngineAssembly.assemble(
            address,
            keepRecordStream,
            compactingLog == null ? EngineAssembly.keepingLogStorage() : compactingLog,
            opened.database());
    this.resumedState = resumed ? new ResumedStateReader(opened.database()) : null;
    parts.logStorage().addCommitListener(commits::incrementAndGet);
    this.log = new EngineLogFollower(parts.logStream());
    this.compaction =
        compactingLog == null
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                  final var thread = new Thread(runnable, "zeebe-log-compaction");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /**
   * Fails before the state folder is opened or emptied when another engine (of another Pinflow on
   * the same data folder, say) holds the gateway's or the REST API's port.
   */
  public static void requireFreePorts(final int port, final int restPort) {
    requireFreePort(loopback(port));
    requireFreePort(loopback(restPort));
  }

  private static void requireFreePort(final InetSocketAddress address) {
    try (var probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(address);
    } catch (final IOException e) {
      throw new UncheckedIOException(
          "Zeebe engine could not listen on " + address + " (port in use?)", e);
    }
  }

  /**
   * An engine for the application: gateway on {@code 127.0.0.1:port}, REST API on {@code
   * 127.0.0.1:restPort}, state as given, a log cut behind processing, no record stream.
   */
  public static EmbeddedEngine onLoopback(
      final int port, final int restPort, final EngineState state) {
    return new EmbeddedEngine(loopback(port), loopback(restPort), false, true, state);
  }

  /**
   * An engine that keeps its whole log, as zeebe-process-test's in-memory engine does: with the
   * {@code memory} state, the engine the embedded runtime started from, for comparisons.
   */
  public static EmbeddedEngine keepingItsLog(
      final int port, final int restPort, final EngineState state) {
    return new EmbeddedEngine(loopback(port), loopback(restPort), false, false, state);
  }

  /** An engine for process tests: free loopback ports, record stream kept for assertions. */
  public static EmbeddedEngine forTests() {
    return new EmbeddedEngine(
        loopback(FreePorts.find()),
        loopback(FreePorts.find()),
        true,
        false,
        EngineState.rocksDbInTemporaryFolder());
  }

  private static InetSocketAddress loopback(final int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  @Override
  public void start() {
    try {
      openGateway();
    } catch (final UncheckedIOException e) {
      parts.scheduler().stop();
      throw e;
    }
    parts.streamProcessor().openAsync(false).join();
    log.start();
    if (compaction != null) {
      compaction.scheduleWithFixedDelay(
          this::compact, COMPACTION_INTERVAL_MS, COMPACTION_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }
    running = true;
    LOG.info(
        "Embedded Zeebe engine ready ({}{}), gateway on {}",
        state,
        resumed ? ", resumed" : "",
        getGatewayAddress());
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    if (compaction != null) {
      compaction.shutdownNow();
    }
    log.close();
    try {
      closeGateway();
      parts.streamProcessor().closeAsync().join();
      parts.database().close();
      parts.logStream().close();
      if (compactingLog != null) {
        compactingLog.close();
      }
      parts.scheduler().stop().get(10, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final Exception e) {
      LOG.warn("Embedded Zeebe engine did not stop cleanly", e);
    } finally {
      state.discard();
    }
  }

  /**
   * Cuts the log below what both the engine and the log follower have read: the state holds the
   * rest.
   */
  private void compact() {
    try {
      final long processed = parts.streamProcessor().getLastProcessedPositionAsync().join();
      compactingLog.compactBelow(Math.min(processed, log.position()));
    } catch (final RuntimeException e) {
      LOG.debug("log compaction skipped", e);
    }
  }

  /**
   * Whether the engine went on from the state and log an earlier run left in its folder: its
   * running instances, timers, jobs and user tasks are those of that run.
   */
  public boolean resumed() {
    return resumed;
  }

  /**
   * The engine run its keys belong to: the same as the earlier run's when {@link #resumed()}, a new
   * one when the engine started empty.
   */
  public String runId() {
    return runId;
  }

  /** Blocks and bytes of log kept now; without compaction (tests) the whole log. */
  public LogSize logSize() {
    return compactingLog == null
        ? new LogSize(-1, -1)
        : new LogSize(compactingLog.blocks(), compactingLog.retainedBytes());
  }

  /** How much log the engine keeps in memory. */
  public record LogSize(int blocks, long bytes) {}

  /** Where the engine keeps its state. */
  public String stateDescription() {
    return state.toString();
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Takes the gateway off the network: clients are refused as if the engine were down, while the
   * engine keeps its state and goes on with what it has (timers, job timeouts). What Pinflow does
   * without its engine is tested this way; {@link #openGateway()} brings it back.
   */
  public synchronized void closeGateway() {
    restApi.close();
    if (gateway == null) {
      return;
    }
    gateway.shutdownNow();
    try {
      gateway.awaitTermination(5, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      gateway = null;
    }
  }

  /** Listens again on the gateway's address, after {@link #closeGateway()}. */
  public synchronized void openGateway() {
    restApi.open();
    if (gateway != null) {
      return;
    }
    final Server server = EngineAssembly.gatewayServer(address, parts.gateway());
    try {
      server.start();
    } catch (final IOException e) {
      throw new UncheckedIOException(
          "Zeebe gateway could not listen on " + address + " (port in use?)", e);
    }
    gateway = server;
  }

  public boolean isRunning() {
    return running;
  }

  public int port() {
    return address.getPort();
  }

  /** Where the user-task REST API listens: {@code http://127.0.0.1:<port>}. */
  public String getRestAddress() {
    return "http://" + restAddress.getAddress().getHostAddress() + ":" + restAddress.getPort();
  }

  /**
   * Completes a Camunda user task with the variables of {@code variablesJson} (a JSON object, or
   * {@code null}); the result says whether the engine carried it out or why it refused.
   */
  public UserTaskCommands.Result completeUserTask(
      final long userTaskKey, final String variablesJson, final String action) {
    return await(parts.userTasks().complete(userTaskKey, variablesJson, action));
  }

  /** Assigns a Camunda user task; without {@code allowOverride} only if nobody holds it. */
  public UserTaskCommands.Result assignUserTask(
      final long userTaskKey,
      final String assignee,
      final String action,
      final boolean allowOverride) {
    return await(parts.userTasks().assign(userTaskKey, assignee, action, allowOverride));
  }

  /** Takes a Camunda user task's assignee away. */
  public UserTaskCommands.Result unassignUserTask(final long userTaskKey, final String action) {
    return await(parts.userTasks().unassign(userTaskKey, action));
  }

  /** The Camunda user task while the engine holds it open; empty once completed or cancelled. */
  public Optional<OpenUserTask> openUserTask(final long userTaskKey) {
    final Optional<OpenUserTask> followed = log.openUserTask(userTaskKey);
    return followed.isPresent() || resumedState == null
        ? followed
        : resumedState.openUserTask(userTaskKey);
  }

  private static UserTaskCommands.Result await(
      final CompletableFuture<UserTaskCommands.Result> answer) {
    try {
      return answer.get(USER_TASK_COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the engine", e);
    } catch (final ExecutionException e) {
      throw new IllegalStateException("the engine did not take the command", e.getCause());
    } catch (final TimeoutException e) {
      answer.cancel(false);
      throw new IllegalStateException(
          "the engine did not answer within " + USER_TASK_COMMAND_TIMEOUT, e);
    }
  }

  @Override
  public String getGatewayAddress() {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  @Override
  public RecordStreamSource getRecordStreamSource() {
    if (parts.recordStream() == null) {
      throw new IllegalStateException("this engine was built without a record stream");
    }
    return parts.recordStream();
  }

  @Override
  public void increaseTime(final Duration timeToAdd) {
    parts.clock().addTime(timeToAdd);
  }

  /** The engine's current time; moves with {@link #increaseTime(Duration)}. */
  public long currentTimeMillis() {
    return parts.clock().getCurrentTimeInMillis();
  }

  /**
   * Waits until the engine has processed everything on its log and nothing new arrived for two
   * checks in a row.
   */
  @Override
  public void waitForIdleState(final Duration timeout)
      throws InterruptedException, TimeoutException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    long seen = commits.get();
    int quiet = 0;
    while (quiet < IDLE_CHECKS_IN_A_ROW) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("engine still busy after " + timeout);
      }
      Thread.sleep(IDLE_CHECK_INTERVAL_MS);
      final long now = commits.get();
      quiet = now == seen && processingReachedTheEnd() ? quiet + 1 : 0;
      seen = now;
    }
  }

  @Override
  public void waitForBusyState(final Duration timeout)
      throws InterruptedException, TimeoutException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    final long seen = commits.get();
    while (commits.get() == seen) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("engine stayed idle for " + timeout);
      }
      Thread.sleep(IDLE_CHECK_INTERVAL_MS);
    }
  }

  private boolean processingReachedTheEnd() {
    try {
      return parts.streamProcessor().hasProcessingReachedTheEnd().join();
    } catch (final RuntimeException e) {
      return !running;
    }
  }

  /**
   * Hears of every BPMN model the engine takes from now on, Pinflow's own and those deployed from
   * Modeler or zbctl through the gateway: resource name and content.
   */
  public void addDeploymentListener(final BiConsumer<String, byte[]> listener) {
    log.addDeploymentListener(listener);
  }

  /**
   * Hears of every Camunda user task the engine cancels from now on, by key: the process moved on
   * without it (timer, cancellation, an interrupting event). Called on the log follower's thread.
   */
  public void addCancelledTaskListener(final LongConsumer listener) {
    log.addCancelledTaskListener(listener);
  }

  /**
   * The key of the open incident of a job whose retries ran out; resolving it needs the key and
   * this engine has no search API.
   */
  public OptionalLong incidentKeyOfJob(final long jobKey) {
    final OptionalLong followed = log.incidentKeyOfJob(jobKey);
    return followed.isPresent() || resumedState == null
        ? followed
        : resumedState.incidentKeyOfJob(jobKey);
  }

  /** Commit listener hook for callers that need to know the log moved (e.g. metrics). */
  public void addCommitListener(final LogStorage.CommitListener listener) {
    parts.logStorage().addCommitListener(listener);
  }

  @Override
  @SuppressWarnings("deprecation")
  public ZeebeClient createClient() {
    return ZeebeClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .preferRestOverGrpc(false)
        .grpcAddress(java.net.URI.create("http://" + getGatewayAddress()))
        .usePlaintext()
        .build();
  }

  @Override
  @SuppressWarnings("deprecation")
  public ZeebeClient createClient(final ObjectMapper objectMapper) {
    return ZeebeClient.newClientBuilder()
        .withJsonMapper(new ZeebeObjectMapper(objectMapper))
        .applyEnvironmentVariableOverrides(false)
        .preferRestOverGrpc(false)
        .grpcAddress(java.net.URI.create("http://" + getGatewayAddress()))
        .usePlaintext()
        .build();
  }
}
