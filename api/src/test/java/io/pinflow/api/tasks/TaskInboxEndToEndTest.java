package io.pinflow.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.grpc.Status.Code;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.domain.task.TaskRepository;
import io.pinflow.domain.task.UserTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PinflowIntegrationTest
class TaskInboxEndToEndTest {

  @Autowired TestApi api;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired TaskRepository tasks;

  @Test
  void aUserTaskGoesFromCreationToCompletionThroughTheTaskApi() {
    final Caller ops = api.userWithRole("OPS");
    final String businessKey = "sample-" + UUID.randomUUID();
    final long instance = startSample(businessKey, "somebody-else");

    final JsonNode task = awaitTask(ops, businessKey);
    assertThat(task.path("name").asText()).isEqualTo("Review sample");
    assertThat(task.path("processId").asText()).isEqualTo("inbox-sample");
    assertThat(task.path("shopId").asText()).isEqualTo("demo-shop");
    assertThat(task.path("candidateGroups").toString()).isEqualTo("[\"OPS\"]");
    assertThat(task.path("dueDate").asText()).isNotBlank();
    assertThat(task.path("formFields").toString())
        .contains(
            "{\"key\":\"decision\",\"type\":\"radio\",\"required\":true,\"values\":[\"APPROVE\",\"REJECT\"]}")
        .contains("\"key\":\"amountFen\"")
        .doesNotContain("\"key\":\"businessKey\"");
    final String taskId = task.path("taskId").asText();

    final Answer claimed = api.post("/api/tasks/" + taskId + "/claim", null, ops);
    assertThat(claimed.status()).isEqualTo(200);
    assertThat(claimed.body().path("assignee").asText()).isEqualTo(ops.username());

    final Answer invalid =
        api.post(
            "/api/tasks/" + taskId + "/complete",
            Map.of("variables", Map.of("decision", "MAYBE", "amountFen", -5, "status", "X")),
            ops);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.headers().getContentType().toString()).contains("application/problem+json");
    assertThat(invalid.body().path("errors").toString())
        .contains("variables.decision")
        .contains("must be one of [APPROVE, REJECT]")
        .contains("variables.amountFen")
        .contains("must be at least 0")
        .contains("variables.status")
        .contains("not a field of this form");

    final Answer completed =
        api.post(
            "/api/tasks/" + taskId + "/complete",
            Map.of("variables", Map.of("decision", "APPROVE", "amountFen", 1250, "comment", "ok")),
            ops);
    assertThat(completed.status()).isEqualTo(200);
    assertThat(completed.body().path("status").asText()).isEqualTo("COMPLETED");
    assertThat(completed.body().path("completedBy").asText()).isEqualTo(ops.username());

    final Answer again =
        api.post(
            "/api/tasks/" + taskId + "/complete",
            Map.of("variables", Map.of("decision", "REJECT")),
            ops);
    assertThat(again.status()).isEqualTo(409);

    assertThat(auditActions(taskId))
        .containsSubsequence(
            "task.claim/SUCCESS",
            "task.complete/REJECTED",
            "task.complete/SUCCESS",
            "task.complete/REJECTED");
    assertThat(auditDetail(taskId, "task.complete", "SUCCESS")).contains("decision=APPROVE");
    assertThat(instance).isPositive();
  }

  @Test
  void pinflowsTasksAreCamundaUserTasksTheEngineSeesClaimedAndCompleted() {
    final Caller ops = api.userWithRole("OPS");
    final String businessKey = "sample-" + UUID.randomUUID();
    final long instance = startSample(businessKey, "somebody-else");
    final String taskId = awaitTask(ops, businessKey).path("taskId").asText();
    final long userTaskKey = storedTask(taskId).engineKey();
    assertThat(storedTask(taskId).kind()).isEqualTo(UserTask.Kind.CAMUNDA_USER_TASK);
    // the engine holds it as a Camunda user task, read with Camunda's own client
    final var created =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> camunda.newUserTaskGetRequest(userTaskKey).send().join(),
                read -> read.getState() == UserTaskState.CREATED);
    assertThat(created.getElementId()).isEqualTo("TaskReviewSample");
    assertThat(created.getCandidateGroups()).containsExactly("OPS");
    assertThat(created.getProcessInstanceKey()).isEqualTo(instance);

    assertThat(api.post("/api/tasks/" + taskId + "/claim", null, ops).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> camunda.newUserTaskGetRequest(userTaskKey).send().join().getAssignee(),
            ops.username()::equals);

    final Answer completed =
        api.post(
            "/api/tasks/" + taskId + "/complete",
            Map.of("variables", Map.of("decision", "APPROVE", "amountFen", 10)),
            ops);
    assertThat(completed.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> !instanceIsActive(instance));
    final ProblemException gone =
        catchThrowableOfType(
            ProblemException.class,
            () -> camunda.newCompleteUserTaskCommand(userTaskKey).send().join());
    assertThat(gone.code()).isEqualTo(404);
  }

  @Test
  void aJobWorkerUserTaskOfAModelFromOutsideIsCollectedAndCompletedTheSameWay() {
    final Caller ops = api.userWithRole("OPS");
    final String businessKey = "sample-" + UUID.randomUUID();
    final long instance =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId("inbox-sample-job-worker")
            .latestVersion()
            .variables(
                Map.of("businessKey", businessKey, "shopId", "demo-shop", "submittedBy", "x"))
            .send()
            .join()
            .getProcessInstanceKey();
    final JsonNode task = awaitTask(ops, businessKey);
    final String taskId = task.path("taskId").asText();
    assertThat(task.path("name").asText()).isEqualTo("Review sample");
    assertThat(storedTask(taskId).kind()).isEqualTo(UserTask.Kind.JOB_WORKER);

    final Answer completed =
        api.post(
            "/api/tasks/" + taskId + "/complete",
            Map.of("variables", Map.of("decision", "REJECT")),
            ops);
    assertThat(completed.status()).isEqualTo(200);
    assertThat(completed.body().path("status").asText()).isEqualTo("COMPLETED");
    await().atMost(Duration.ofSeconds(10)).until(() -> !instanceIsActive(instance));
  }

  @Test
  void theSubmitterCannotDecideTheirOwnRequest() {
    final Caller submitter = api.ensureUser("t-four-eyes", List.of("OPS"), List.of("*"));
    final String businessKey = "sample-" + UUID.randomUUID();
    startSample(businessKey, submitter.username());
    final String taskId = awaitTask(submitter, businessKey).path("taskId").asText();

    final Answer refused =
        api.post(
            "/api/tasks/" + taskId + "/complete",
            Map.of("variables", Map.of("decision", "APPROVE")),
            submitter);
    final Answer claimRefused = api.post("/api/tasks/" + taskId + "/claim", null, submitter);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().path("detail").asText()).contains("four-eyes");
    assertThat(claimRefused.status()).isEqualTo(403);
    assertThat(auditActions(taskId)).contains("task.complete/DENIED", "task.claim/DENIED");
    final Answer byColleague =
        api.post(
            "/api/tasks/" + taskId + "/complete",
            Map.of("variables", Map.of("decision", "REJECT")),
            api.userWithRole("OPS"));
    assertThat(byColleague.status()).isEqualTo(200);
  }

  @Test
  void tasksOfOtherRolesAndShopsAreInvisible() {
    final String businessKey = "sample-" + UUID.randomUUID();
    startSample(businessKey, "somebody");
    final String taskId = awaitTask(api.userWithRole("OPS"), businessKey).path("taskId").asText();

    final Caller warehouse = api.userWithRole("WAREHOUSE");
    final Caller otherShopOps =
        api.ensureUser("t-ops-other-shop", List.of("OPS"), List.of(api.ensureShop("other-shop")));

    assertThat(api.get("/api/tasks/" + taskId, warehouse).status()).isEqualTo(404);
    assertThat(
            api.get("/api/tasks?businessKey=" + businessKey, warehouse)
                .body()
                .path("total")
                .asLong())
        .isZero();
    assertThat(api.get("/api/tasks/" + taskId, otherShopOps).status()).isEqualTo(404);
    assertThat(
            api.get("/api/tasks?businessKey=" + businessKey, otherShopOps)
                .body()
                .path("total")
                .asLong())
        .isZero();
    assertThat(
            api.post(
                    "/api/tasks/" + taskId + "/complete",
                    Map.of("variables", Map.of("decision", "APPROVE")),
                    otherShopOps)
                .status())
        .isEqualTo(404);
  }

  private long startSample(final String businessKey, final String submittedBy) {
    return camunda
        .newCreateInstanceCommand()
        .bpmnProcessId("inbox-sample")
        .latestVersion()
        .variables(
            Map.of("businessKey", businessKey, "shopId", "demo-shop", "submittedBy", submittedBy))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private UserTask storedTask(final String taskId) {
    return tasks.find(taskId).orElseThrow();
  }

  /** Whether the engine still runs the instance: setting a variable on it finds it. */
  private boolean instanceIsActive(final long instance) {
    try {
      camunda.newSetVariablesCommand(instance).variables(Map.of("probe", 1)).send().join();
      return true;
    } catch (final ClientStatusException e) {
      if (e.getStatusCode() == Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private JsonNode awaitTask(final Caller caller, final String businessKey) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> api.get("/api/tasks?businessKey=" + businessKey, caller).body().path("items"),
            items -> items.size() == 1)
        .get(0);
  }

  private List<String> auditActions(final String taskId) {
    return jdbc.sql(
            "SELECT CONCAT(action, '/', outcome) FROM audit_log WHERE target_key = ? ORDER BY id")
        .param(taskId)
        .query(String.class)
        .list();
  }

  private String auditDetail(final String taskId, final String action, final String outcome) {
    return jdbc.sql(
            "SELECT detail FROM audit_log WHERE target_key = ? AND action = ? AND outcome = ?")
        .param(taskId)
        .param(action)
        .param(outcome)
        .query(String.class)
        .single();
  }
}
