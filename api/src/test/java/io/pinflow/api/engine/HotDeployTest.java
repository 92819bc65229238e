package io.pinflow.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.Process;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.grpc.Status.Code;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.domain.system.SelfCheck;
import io.pinflow.domain.system.SelfChecks;
import io.pinflow.embedded.engine.EmbeddedEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A process designer deploys to the running application with a client of their own, as Camunda
 * Modeler or zbctl do: through the embedded gateway's gRPC port, without authentication.
 */
@PinflowIntegrationTest
class HotDeployTest {

  private static final String SAMPLE = "hot-deploy-sample";
  private static final String GO_AHEAD = "hot-deploy-sample-go-ahead";
  private static final String TYPO = "hot-deploy-typo.bpmn";

  @Autowired EmbeddedEngine engine;
  @Autowired SelfChecks selfChecks;
  @Autowired JobTypeCoverage coverage;
  @Autowired JobWorkerManager workers;
  @Autowired TestApi api;
  @Autowired ObjectMapper json;

  private CamundaClient designer;

  @BeforeEach
  void connectLikeModeler() {
    final URI gateway = URI.create("http://" + engine.getGatewayAddress());
    designer =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .preferRestOverGrpc(false)
            .grpcAddress(gateway)
            .restAddress(gateway)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterEach
  void disconnect() {
    designer.close();
  }

  @Test
  void newInstancesTakeTheNewVersionWhileRunningOnesFinishOnTheirs() {
    final Process v1 = deploy("hot-deploy/v1/" + SAMPLE + ".bpmn");
    final String checkBefore = selfChecks.request();
    final ProcessInstanceEvent running = start(checkBefore);
    assertThat(running.getVersion()).isEqualTo(v1.getVersion());

    final Process v2 = deploy("hot-deploy/v2/" + SAMPLE + ".bpmn");
    assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);
    assertThat(v2.getProcessDefinitionKey()).isNotEqualTo(v1.getProcessDefinitionKey());
    // deploying the same file again (a second click on Deploy) makes no new version
    assertThat(deploy("hot-deploy/v2/" + SAMPLE + ".bpmn").getVersion()).isEqualTo(v2.getVersion());

    final String checkAfter = selfChecks.request();
    final ProcessInstanceEvent fresh = start(checkAfter);
    assertThat(fresh.getVersion()).isEqualTo(v2.getVersion());
    assertThat(fresh.getProcessDefinitionKey()).isEqualTo(v2.getProcessDefinitionKey());

    goAhead(checkBefore);
    goAhead(checkAfter);

    // version 2 added the self-check task: Pinflow's worker records the new instance's check
    final SelfCheck recorded =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> selfChecks.find(checkAfter), SelfCheck::isRecorded);
    assertThat(recorded.processInstanceKey()).isEqualTo(fresh.getProcessInstanceKey());
    await().atMost(Duration.ofSeconds(20)).until(() -> ended(fresh.getProcessInstanceKey()));
    // the instance started before the deploy ends on version 1, which has no such task
    await().atMost(Duration.ofSeconds(20)).until(() -> ended(running.getProcessInstanceKey()));
    assertThat(selfChecks.find(checkBefore).isRecorded()).isFalse();
  }

  @Test
  void aJobTypeWithoutWorkerIsReportedForModelsPinflowChecks() throws Exception {
    final byte[] typo = read("hot-deploy/" + TYPO);

    // the engine takes the model: it does not know which job types have workers
    assertThat(
            designer
                .newDeployResourceCommand()
                .addResourceBytes(typo, TYPO)
                .send()
                .join()
                .getProcesses())
        .extracting(Process::getBpmnProcessId)
        .containsExactly("hot-deploy-typo");

    // the check names the job type and the task that uses it
    assertThat(coverage.unserved(Map.of(TYPO, typo)))
        .containsExactly(
            new JobTypeCoverage.Unserved(
                "pinflow.order.reserve-stok", List.of("hot-deploy-typo/TaskReserveStock")));
    assertThat(coverage.served("pinflow.order.reserve-stock")).isTrue();

    // for a model Pinflow deploys, the health component says so, also without details
    final var health =
        new JobTypesHealthIndicator(new JobTypeCoverage(workers, () -> Map.of(TYPO, typo)))
            .getHealth(false);
    assertThat(health.getStatus().getCode()).isEqualTo(JobTypesHealthIndicator.UNSERVED);
    assertThat(health.getStatus().getDescription())
        .isEqualTo(
            "no worker serves pinflow.order.reserve-stok (hot-deploy-typo/TaskReserveStock)");
    assertThat(json.writeValueAsString(health))
        .contains("\"status\":\"UNSERVED\"", "\"description\":\"no worker serves");

    // Pinflow's own models: a worker for every job type
    assertThat(coverage.unservedInOwnModels()).isEmpty();

    // the model deployed from outside is reported too: in the log and by the health component,
    // while the application as a whole stays UP
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> coverage.unservedInDeployedModels(),
            unserved ->
                unserved.contains(
                    new JobTypeCoverage.Unserved(
                        "pinflow.order.reserve-stok",
                        List.of("hot-deploy-typo/TaskReserveStock"))));
    final Answer own = api.get("/actuator/health", TestApi.Caller.anonymous());
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body().path("status").asText()).isEqualTo("UP");
    assertThat(own.body().path("components").path("jobTypes").path("status").asText())
        .isEqualTo(JobTypesHealthIndicator.UNSERVED);
    assertThat(own.body().path("components").path("jobTypes").path("description").asText())
        .contains("pinflow.order.reserve-stok (hot-deploy-typo/TaskReserveStock)");
    assertThat(coverage.jobTypesInOwnModels()).isGreaterThanOrEqualTo(50);
  }

  @Test
  void theEmbeddedEngineCannotListWhatOthersDeployed() {
    // the Camunda client lists definitions over REST only; the embedded gateway speaks gRPC only,
    // so a model deployed from Modeler or zbctl stays unknown to Pinflow's check
    assertThatThrownBy(
            () ->
                designer
                    .newProcessDefinitionSearchRequest()
                    .requestTimeout(Duration.ofSeconds(5))
                    .send()
                    .join())
        .isInstanceOf(RuntimeException.class);
  }

  private Process deploy(final String resource) {
    final String fileName = resource.substring(resource.lastIndexOf('/') + 1);
    final var deployment =
        designer
            .newDeployResourceCommand()
            .addResourceBytes(read(resource), fileName)
            .send()
            .join();
    assertThat(deployment.getProcesses()).hasSize(1);
    return deployment.getProcesses().getFirst();
  }

  private ProcessInstanceEvent start(final String checkId) {
    return designer
        .newCreateInstanceCommand()
        .bpmnProcessId(SAMPLE)
        .latestVersion()
        .variables(Map.of("checkId", checkId, "businessKey", checkId))
        .send()
        .join();
  }

  private void goAhead(final String checkId) {
    designer
        .newPublishMessageCommand()
        .messageName(GO_AHEAD)
        .correlationKey(checkId)
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .join();
  }

  /** The gateway has no search: an instance that ended no longer takes variables. */
  private boolean ended(final long processInstanceKey) {
    try {
      designer
          .newSetVariablesCommand(processInstanceKey)
          .variables(Map.of("probedAt", System.currentTimeMillis()))
          .send()
          .join();
      return false;
    } catch (final ClientStatusException e) {
      if (e.getStatusCode() == Code.NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  private static byte[] read(final String resource) {
    try (InputStream in = HotDeployTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
