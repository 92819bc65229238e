package io.pinflow.embedded.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status.Code;
import io.pinflow.embedded.FreePorts;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedEngineTest {

  private static final int PORT = FreePorts.find();
  private static final int REST_PORT = FreePorts.find();
  private static final Path STATE = Path.of("target", "engine-test-state");
  private static EmbeddedEngine engine;

  @BeforeAll
  static void start() {
    engine = EmbeddedEngine.onLoopback(PORT, REST_PORT, EngineState.of("rocksdb", STATE));
    engine.start();
  }

  @AfterAll
  static void stop() {
    engine.stop();
  }

  @Test
  void aClientOnThisMachineGetsTheTopologyOverGrpc() {
    try (CamundaClient client = client("127.0.0.1")) {
      final var topology = client.newTopologyRequest().send().join();

      assertThat(topology.getBrokers()).hasSize(1);
      assertThat(topology.getBrokers().getFirst().getPartitions()).hasSize(1);
      assertThat(topology.getGatewayVersion()).isNotBlank();
    }
  }

  @Test
  void theGatewayDoesNotListenOnOtherInterfaces() throws Exception {
    final Optional<InetAddress> external = nonLoopbackAddress();
    assertThat(external).as("this machine has a non-loopback IPv4 address").isPresent();

    assertThatThrownBy(
            () -> {
              try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(external.get(), PORT), 2_000);
              }
            })
        .isInstanceOf(java.net.ConnectException.class);
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 2_000);
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void aClosedGatewayRefusesClientsAndTheEngineKeepsItsStateUntilItOpensAgain() {
    try (CamundaClient client = client("127.0.0.1")) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("gateway-sample").startEvent().endEvent().done(),
              "gateway-sample.bpmn")
          .send()
          .join();

      engine.closeGateway();
      final Throwable refused = catchThrowable(() -> client.newTopologyRequest().send().join());
      engine.openGateway();

      assertThat(refused)
          .isInstanceOfSatisfying(
              ClientStatusException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(Code.UNAVAILABLE));
      final var instance =
          await()
              .atMost(Duration.ofSeconds(20))
              .ignoreExceptions()
              .until(
                  () ->
                      client
                          .newCreateInstanceCommand()
                          .bpmnProcessId("gateway-sample")
                          .latestVersion()
                          .send()
                          .join(),
                  created -> created.getProcessInstanceKey() > 0);
      assertThat(instance.getVersion()).isEqualTo(1);
    }
  }

  @Test
  void aSecondEngineOnTheSamePortFailsWithAClearMessageAndLeavesTheStateAlone() {
    assertThatThrownBy(
            () -> EmbeddedEngine.onLoopback(PORT, REST_PORT, EngineState.of("rocksdb", STATE)))
        .hasMessageContaining("127.0.0.1:" + PORT);
    try (CamundaClient client = client("127.0.0.1")) {
      assertThat(client.newTopologyRequest().send().join().getBrokers()).hasSize(1);
    }
    assertThat(STATE.resolve("state").resolve("CURRENT")).exists();
  }

  @Test
  void theLogIsCutBehindProcessingSoItDoesNotGrowWithFinishedInstances() {
    final int instances = 300;
    try (CamundaClient client = client("127.0.0.1")) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("compaction-sample")
                  .startEvent()
                  .serviceTask("work", t -> t.zeebeJobType("compaction-sample.work"))
                  .endEvent()
                  .done(),
              "compaction-sample.bpmn")
          .send()
          .join();
      final AtomicInteger completed = new AtomicInteger();
      try (var worker =
          client
              .newWorker()
              .jobType("compaction-sample.work")
              .handler(
                  (jobClient, job) -> {
                    jobClient.newCompleteCommand(job).send().join();
                    completed.incrementAndGet();
                  })
              .maxJobsActive(32)
              .open()) {
        for (int i = 0; i < instances; i++) {
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("compaction-sample")
              .latestVersion()
              .send()
              .join();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> completed.get() == instances);
      }
      // each instance wrote a dozen records or more; once compacted, a handful of blocks remain
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(engine.logSize().blocks()).isLessThan(20));
      assertThat(engine.logSize().bytes()).isLessThan(64 * 1024);
    }
  }

  private static CamundaClient client(final String host) {
    return CamundaClient.newClientBuilder()
        .preferRestOverGrpc(false)
        .grpcAddress(URI.create("http://" + host + ":" + PORT))
        .restAddress(URI.create("http://" + host + ":" + REST_PORT))
        .defaultRequestTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .filter(
            nic -> {
              try {
                return nic.isUp() && !nic.isLoopback();
              } catch (final SocketException e) {
                return false;
              }
            })
        .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
        .filter(Inet4Address.class::isInstance)
        .findFirst();
  }
}
