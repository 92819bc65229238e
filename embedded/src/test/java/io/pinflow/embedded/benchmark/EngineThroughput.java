package io.pinflow.embedded.benchmark;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.pinflow.embedded.FreePorts;
import io.pinflow.embedded.engine.EmbeddedEngine;
import io.pinflow.embedded.engine.EngineState;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completed instances per second of a no-op process with N service tasks on the embedded engine,
 * for each state store, the stores measured in turns in one JVM:
 *
 * <pre>
 * java -cp … io.pinflow.embedded.benchmark.EngineThroughput [tasks=10] [seconds=20] [rounds=2]
 *     [stores=memory,rocksdb] [waiting=0]
 * </pre>
 *
 * <p>Stores: {@code resumable} (the embedded runtime's default: RocksDB with its write-ahead log,
 * the log also written to its journal), {@code rocksdb} (RocksDB without either), {@code memory}
 * (the sorted maps of zeebe-process-test, log cut as for rocksdb), {@code original} (the sorted
 * maps and the whole log kept: the in-memory engine as it came).
 *
 * <p>{@code waiting}: instances parked at a message catch event before measuring, as orders wait
 * for their parcel: live state the engine looks through while it works.
 *
 * <pre>
 * </pre>
 */
public final class EngineThroughput {

  private static final int IN_FLIGHT = 200;

  private EngineThroughput() {}

  public static void main(final String[] args) throws Exception {
    final int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    final int waiting = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    final List<String> kinds =
        args.length > 3 ? List.of(args[3].split(",")) : List.of("memory", "rocksdb");
    final List<Store> stores =
        kinds.stream()
            .map(
                kind ->
                    // a folder of its own: a resumable state is not to go on from an earlier run
                    new Store(
                        kind, Path.of("target", "throughput-" + kind + "-" + System.nanoTime())))
            .toList();
    for (final Store store : stores) {
      store.start(tasks);
      store.park(waiting);
    }
    try {
      for (int round = 1; round <= rounds; round++) {
        for (final Store store : stores) {
          final Result result = store.run(Duration.ofSeconds(seconds));
          System.out.printf(
              "round %d %-8s %d tasks: %6.1f instances/s, %d completed, log %s, heap %d MB%n",
              round,
              store.name,
              tasks,
              result.perSecond(),
              result.completed(),
              store.engine.logSize(),
              heapMb());
        }
      }
      // what stays once the load is over: the log is cut as soon as its readers catch up
      Thread.sleep(5_000);
      for (final Store store : stores) {
        System.out.printf(
            "idle 5 s %-8s log %s, heap %d MB%n", store.name, store.engine.logSize(), heapMb());
      }
    } finally {
      for (final Store store : stores) {
        store.stop();
      }
    }
    System.exit(0);
  }

  private static long heapMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024 / 1024;
  }

  private record Result(long completed, double perSecond) {}

  private static final class Store {
    final String name;
    final Path folder;
    EmbeddedEngine engine;
    CamundaClient client;
    final List<JobWorker> workers = new ArrayList<>();

    Store(final String name, final Path folder) {
      this.name = name;
      this.folder = folder;
    }

    void start(final int tasks) {
      // "original": the memory state with the whole log kept, the in-memory engine as it came
      // "resumable": rocksdb with its write-ahead log and the log journal, the application's
      // default
      final EngineState state =
          name.equals("resumable")
              ? EngineState.of("rocksdb", folder, true)
              : EngineState.of(name, folder);
      engine =
          state.keepsWholeLog()
              ? EmbeddedEngine.keepingItsLog(FreePorts.find(), FreePorts.find(), state)
              : EmbeddedEngine.onLoopback(FreePorts.find(), FreePorts.find(), state);
      engine.start();
      client =
          CamundaClient.newClientBuilder()
              .preferRestOverGrpc(false)
              .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
              .defaultJobWorkerStreamEnabled(true)
              .build();
      AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("noop").startEvent();
      for (int i = 1; i <= tasks; i++) {
        final String type = "noop.task" + i;
        flow = flow.serviceTask("task" + i, t -> t.zeebeJobType(type));
        workers.add(
            client
                .newWorker()
                .jobType(type)
                .handler((jobClient, job) -> jobClient.newCompleteCommand(job).send())
                .maxJobsActive(64)
                .open());
      }
      client
          .newDeployResourceCommand()
          .addProcessModel(flow.endEvent().done(), "noop.bpmn")
          .send()
          .join();
    }

    /** Starts instances that wait for a message that never comes. */
    void park(final int instances) throws InterruptedException {
      if (instances == 0) {
        return;
      }
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("parked")
                  .startEvent()
                  .intermediateCatchEvent(
                      "wait",
                      e -> e.message(m -> m.name("never").zeebeCorrelationKeyExpression("key")))
                  .endEvent()
                  .done(),
              "parked.bpmn")
          .send()
          .join();
      final Semaphore inFlight = new Semaphore(IN_FLIGHT);
      final long begin = System.nanoTime();
      for (int i = 0; i < instances; i++) {
        inFlight.acquire();
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("parked")
            .latestVersion()
            .variables(java.util.Map.of("key", "k" + i))
            .send()
            .whenComplete((r, f) -> inFlight.release());
      }
      inFlight.acquire(IN_FLIGHT);
      inFlight.release(IN_FLIGHT);
      System.out.printf(
          "%s: %d instances parked in %.1f s%n",
          name, instances, (System.nanoTime() - begin) / 1e9);
    }

    Result run(final Duration duration) throws InterruptedException {
      final Semaphore inFlight = new Semaphore(IN_FLIGHT);
      final AtomicLong completed = new AtomicLong();
      final long end = System.nanoTime() + duration.toNanos();
      final long begin = System.nanoTime();
      while (System.nanoTime() < end) {
        inFlight.acquire();
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("noop")
            .latestVersion()
            .withResult()
            .requestTimeout(Duration.ofMinutes(2))
            .send()
            .whenComplete(
                (result, failure) -> {
                  if (failure == null) {
                    completed.incrementAndGet();
                  }
                  inFlight.release();
                });
      }
      final double elapsed = (System.nanoTime() - begin) / 1e9;
      final long done = completed.get();
      inFlight.acquire(IN_FLIGHT);
      inFlight.release(IN_FLIGHT);
      return new Result(done, done / elapsed);
    }

    void stop() {
      workers.forEach(JobWorker::close);
      client.close();
      engine.stop();
    }
  }
}
