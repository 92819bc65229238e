package io.pinflow.api.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.FlakyTestWorker;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PinflowIntegrationTest
class IncidentRetryTest {

  @Autowired TestApi api;
  @Autowired CamundaClient camunda;
  @Autowired FlakyTestWorker worker;

  @Test
  void aJobOutOfRetriesBecomesAnIncidentThatCanBeRetried() {
    final String businessKey = "flaky-" + UUID.randomUUID();
    worker.failFor(businessKey);
    camunda
        .newCreateInstanceCommand()
        .bpmnProcessId("incident-sample")
        .latestVersion()
        .variables(Map.of("businessKey", businessKey, "shopId", "demo-shop"))
        .send()
        .join();

    final JsonNode incident =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> find(businessKey), found -> found != null);
    assertThat(incident.path("kind").asText()).isEqualTo("JOB");
    assertThat(incident.path("status").asText()).isEqualTo("OPEN");
    assertThat(incident.path("jobType").asText()).isEqualTo("pinflow.test.flaky");
    assertThat(incident.path("shopId").asText()).isEqualTo("demo-shop");
    assertThat(incident.path("errorMessage").asText()).contains("warehouse unreachable");
    assertThat(worker.attempts(businessKey)).isEqualTo(2);

    worker.succeedFor(businessKey);
    final Answer retried =
        api.post(
            "/api/incidents/" + incident.path("incidentKey").asLong() + "/retry",
            null,
            api.admin());
    final Answer again =
        api.post(
            "/api/incidents/" + incident.path("incidentKey").asLong() + "/retry",
            null,
            api.admin());

    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.body().path("status").asText()).isEqualTo("RETRIED");
    assertThat(again.status()).isEqualTo(409);
    await().atMost(Duration.ofSeconds(20)).until(() -> worker.completed(businessKey));
    assertThat(worker.attempts(businessKey)).isEqualTo(3);
  }

  private JsonNode find(final String businessKey) {
    for (final JsonNode item :
        api.get("/api/incidents?status=OPEN&size=200", api.admin()).body().path("items")) {
      if (businessKey.equals(item.path("businessKey").asText())) {
        return item;
      }
    }
    return null;
  }
}
