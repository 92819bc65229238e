package io.pinflow.embedded.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Camunda user tasks on the embedded engine: created through a "creating" task listener, then
 * assigned and completed with the Camunda client's own user-task commands over the engine's REST
 * API.
 */
class UserTaskCommandsTest {

  private static final String LISTENER = "user-task-sample.created";
  private static EmbeddedEngine engine;
  private static CamundaClient client;

  @BeforeAll
  static void start() {
    engine = EmbeddedEngine.forTests();
    engine.start();
    client =
        CamundaClient.newClientBuilder()
            .preferRestOverGrpc(false)
            .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
            .restAddress(URI.create(engine.getRestAddress()))
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build();
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("user-task-sample")
                .startEvent()
                .userTask(
                    "Review",
                    task ->
                        task.zeebeUserTask()
                            .zeebeCandidateGroups("OPS")
                            .zeebeDueDate("2030-01-02T03:04:05Z")
                            .zeebeTaskHeader("pinflow.fourEyesExcludes", "submittedBy")
                            .zeebeTaskListener(
                                l ->
                                    l.eventType(ZeebeTaskListenerEventType.creating)
                                        .type(LISTENER)))
                .endEvent()
                .done(),
            "user-task-sample.bpmn")
        .send()
        .join();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.stop();
  }

  @Test
  void aUserTaskIsAnnouncedByItsListenerThenAssignedAndCompletedOverRest() {
    final long instance = startInstance("wei");
    final ActivatedJob created = listenerJob(instance);

    assertThat(created.getVariablesAsMap()).containsEntry("submittedBy", "wei");
    assertThat(created.getCustomHeaders()).containsEntry("pinflow.fourEyesExcludes", "submittedBy");
    final long userTaskKey = userTaskKey(created);
    assertThat(userTaskKey).isPositive();
    assertThat(engine.openUserTask(userTaskKey))
        .hasValueSatisfying(task -> assertThat(task.state()).isEqualTo("CREATING"));

    // completing before the listener let the task be created is refused: the task is not ready
    final ProblemException early =
        catchThrowableOfType(
            ProblemException.class,
            () -> client.newCompleteUserTaskCommand(userTaskKey).send().join());
    assertThat(early.code()).isEqualTo(409);

    client.newCompleteCommand(created).send().join();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> engine.openUserTask(userTaskKey).map(OpenUserTask::state),
            s -> s.equals(java.util.Optional.of("CREATED")));
    final OpenUserTask open = engine.openUserTask(userTaskKey).orElseThrow();
    assertThat(open.candidateGroups()).containsExactly("OPS");
    assertThat(open.dueDate()).isEqualTo("2030-01-02T03:04:05Z");
    assertThat(open.elementId()).isEqualTo("Review");

    client.newAssignUserTaskCommand(userTaskKey).assignee("fang").send().join();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> engine.openUserTask(userTaskKey).map(OpenUserTask::assignee).orElse(""),
            "fang"::equals);
    final var read = client.newUserTaskGetRequest(userTaskKey).send().join();
    assertThat(read.getAssignee()).isEqualTo("fang");
    assertThat(read.getElementId()).isEqualTo("Review");

    client
        .newCompleteUserTaskCommand(userTaskKey)
        .variables(Map.of("decision", "APPROVE"))
        .send()
        .join();

    await().atMost(Duration.ofSeconds(5)).until(() -> engine.openUserTask(userTaskKey).isEmpty());
    final ProblemException again =
        catchThrowableOfType(
            ProblemException.class,
            () -> client.newCompleteUserTaskCommand(userTaskKey).send().join());
    assertThat(again.code()).isEqualTo(404);
  }

  @Test
  void aUserTaskTheProcessCancelsIsAnnouncedByItsKey() {
    final List<Long> cancelled = new CopyOnWriteArrayList<>();
    engine.addCancelledTaskListener(cancelled::add);
    final long instance = startInstance("wei");
    final ActivatedJob created = listenerJob(instance);
    final long userTaskKey = userTaskKey(created);
    client.newCompleteCommand(created).send().join();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> engine.openUserTask(userTaskKey).map(OpenUserTask::state).orElse(""),
            "CREATED"::equals);

    client.newCancelInstanceCommand(instance).send().join();

    await().atMost(Duration.ofSeconds(5)).until(() -> cancelled.contains(userTaskKey));
    assertThat(cancelled).containsExactly(userTaskKey);
    assertThat(engine.openUserTask(userTaskKey)).isEmpty();
  }

  @Test
  void badRequestsGetProblemDetails() throws Exception {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final var notJson =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(engine.getRestAddress() + "/v2/user-tasks/1/completion"))
                .POST(HttpRequest.BodyPublishers.ofString("{variables:"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("\"title\":\"INVALID_ARGUMENT\"", "not JSON");

    final var noAssignee =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(engine.getRestAddress() + "/v2/user-tasks/1/assignment"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noAssignee.statusCode()).isEqualTo(400);
    assertThat(noAssignee.body()).contains("assignee is required");

    final var other =
        http.send(
            HttpRequest.newBuilder(URI.create(engine.getRestAddress() + "/v2/process-instances"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  /** The gateway hands the task's key as user-task property or, in-memory, as job header. */
  private static long userTaskKey(final ActivatedJob listenerJob) {
    if (listenerJob.getUserTask() != null && listenerJob.getUserTask().getUserTaskKey() != null) {
      return listenerJob.getUserTask().getUserTaskKey();
    }
    return Long.parseLong(listenerJob.getCustomHeaders().get("io.camunda.zeebe:userTaskKey"));
  }

  private static long startInstance(final String submittedBy) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("user-task-sample")
        .latestVersion()
        .variables(Map.of("submittedBy", submittedBy))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private static ActivatedJob listenerJob(final long instance) {
    final List<ActivatedJob> jobs =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    client
                        .newActivateJobsCommand()
                        .jobType(LISTENER)
                        .maxJobsToActivate(10)
                        .send()
                        .join()
                        .getJobs(),
                found -> !found.isEmpty());
    assertThat(jobs).hasSize(1);
    assertThat(jobs.getFirst().getProcessInstanceKey()).isEqualTo(instance);
    return jobs.getFirst();
  }
}
