/*
 * Pinflow: assembly of the Zeebe in-memory engine's parts for the embedded runtime.
 *
 * This class lives in the engine's package because the gateway, response writer, job streamer
 * of zeebe-process-test-engine are package-private. It wires them the way the embedded runtime
 * needs and nothing else: the gRPC gateway bound to one address (loopback), the log storage and
 * state database the caller chooses, no static idle-monitor timer, the record stream only when
 * asked for (tests), and the user-task commands (complete, assign) written beside the gateway.
 */
package io.camunda.zeebe.process.test.engine;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.engine.db.InMemoryDbFactory;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;

public final class EngineAssembly {

  private static final int PARTITION_ID = 1;
  private static final int PARTITION_COUNT = 1;

  private EngineAssembly() {}

  /** The assembled, not yet started parts of one engine. */
  public record Parts(
      BindableService gateway,
      StreamProcessor streamProcessor,
      ZeebeDb<ZbColumnFamilies> database,
      LogStream logStream,
      LogStorage logStorage,
      ActorScheduler scheduler,
      ControlledActorClock clock,
      RecordStreamSource recordStream,
      UserTaskCommands userTasks) {}

  /** The in-memory log of zeebe-process-test-engine, which keeps every record. */
  public static LogStorage keepingLogStorage() {
    return new InMemoryLogStorage();
  }

  /** The state database of zeebe-process-test-engine: sorted maps on the heap. */
  public static ZeebeDb<ZbColumnFamilies> heapDatabase() {
    return new InMemoryDbFactory<ZbColumnFamilies>().createDb();
  }

  /**
   * A gRPC server offering the gateway on {@code address} only. A server that was shut down cannot
   * start again: each opening of the gateway takes a new one.
   */
  public static Server gatewayServer(
      final InetSocketAddress address, final BindableService gateway) {
    return NettyServerBuilder.forAddress(address).addService(gateway).build();
  }

  /**
   * Builds an engine whose gateway is to listen on {@code gatewayAddress} only.
   *
   * @param keepRecordStream whether to offer the record stream for assertions; it caches every
   *     record it has read, so only tests should ask for it
   * @param logStorage where the log's blocks are kept
   * @param database the engine's state
   */
  public static Parts assemble(
      final InetSocketAddress gatewayAddress,
      final boolean keepRecordStream,
      final LogStorage logStorage,
      final ZeebeDb<ZbColumnFamilies> database) {
    final var clock = new ControlledActorClock();
    final var scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
    scheduler.start();

    final var logStream =
        LogStream.builder()
            .withPartitionId(PARTITION_ID)
            .withLogStorage(logStorage)
            .withClock(clock)
            .withMeterRegistry(new SimpleMeterRegistry())
            .build();

    final var commandWriter = new CommandWriter(logStream.newLogStreamWriter());
    final var commandSender = new CommandSender(commandWriter);
    final var requestStore = new GatewayRequestStore();
    final var jobStreamer = new InMemoryJobStreamer(commandWriter);
    final var gateway =
        new GrpcToLogStreamGateway(
            commandWriter,
            PARTITION_ID,
            PARTITION_COUNT,
            gatewayAddress.getPort(),
            requestStore,
            jobStreamer);
    final var userTasks = new UserTaskCommands(commandWriter);
    final var responseWriter =
        new OwnCommandResponses(new GrpcResponseWriter(gateway, requestStore, null), userTasks);

    final var security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    final var engine =
        new Engine(
            context ->
                EngineProcessors.createEngineProcessors(
                    context,
                    PARTITION_COUNT,
                    new SubscriptionCommandSender(context.getPartitionId(), commandSender),
                    commandSender,
                    FeatureFlags.createDefault(),
                    jobStreamer,
                    SearchClientsProxy.noop(),
                    new BrokerRequestAuthorizationConverter(security)),
            new EngineConfiguration(),
            security);
    final var streamProcessor =
        StreamProcessor.builder()
            .logStream(logStream)
            .zeebeDb(database)
            .commandResponseWriter(responseWriter)
            .partitionCommandSender(commandSender)
            .recordProcessors(List.of(engine))
            .actorSchedulingService(scheduler)
            .clock(new ControllableStreamClockImpl(clock))
            .meterRegistry(new SimpleMeterRegistry())
            .build();

    final RecordStreamSource recordStream =
        keepRecordStream
            ? new RecordStreamSourceImpl(logStream.newLogStreamReader(), PARTITION_ID)
            : null;
    return new Parts(
        gateway,
        streamProcessor,
        database,
        logStream,
        logStorage,
        scheduler,
        clock,
        recordStream,
        userTasks);
  }
}
