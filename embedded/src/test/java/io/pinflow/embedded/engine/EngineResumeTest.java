package io.pinflow.embedded.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType;
import io.pinflow.embedded.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's state and log outlive the process: an engine killed with SIGKILL, in the middle of
 * taking new instances, is started again on its folder and goes on with every instance whose
 * creation it had confirmed — jobs, message subscriptions and timers of the first run included —
 * under the same keys and run id.
 */
class EngineResumeTest {

  private static final Duration START = Duration.ofSeconds(60);
  private final Path folder = Path.of("target", "engine-resume-" + System.nanoTime());
  private final int port = FreePorts.find();
  private final int restPort = FreePorts.find();
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void aKilledEngineGoesOnWithEveryConfirmedInstanceAfterItsRestart() throws Exception {
    final String firstRun = start(false);
    final Set<Long> waitingForParcel;
    final Set<Long> atWork;
    final Set<Long> atTimer;
    final Set<Long> confirmedInBurst = ConcurrentHashMap.newKeySet();
    try (CamundaClient client = client()) {
      client
          .newDeployResourceCommand()
          .addProcessModel(parcelProcess(), "parcel.bpmn")
          .addProcessModel(timerProcess(), "timer.bpmn")
          .send()
          .join();
      // ten instances past their work, waiting for a parcel; ten with their work still to do
      waitingForParcel = create(client, "parcel", 0, 10);
      final Set<Long> worked = ConcurrentHashMap.newKeySet();
      try (JobWorker worker = completing(client, "resume.work", worked)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> worked.containsAll(waitingForParcel));
      }
      atWork = create(client, "parcel", 10, 20);
      atTimer = create(client, "timer", 0, 5);
      // a burst of creations while the engine is killed: those it confirmed must survive
      final List<CompletableFuture<Void>> burst = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        burst.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("parcel")
                .latestVersion()
                .variables(Map.of("orderId", "burst-" + i))
                .send()
                .toCompletableFuture()
                .thenAccept(created -> confirmedInBurst.add(created.getProcessInstanceKey())));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> confirmedInBurst.size() >= 50);
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    final Set<Long> confirmedBeforeKill = Set.copyOf(confirmedInBurst);
    assertThat(confirmedBeforeKill).hasSizeGreaterThanOrEqualTo(50);

    final String secondRun = start(true);
    assertThat(secondRun).isEqualTo(firstRun);
    try (CamundaClient client = client()) {
      final Set<Long> worked = ConcurrentHashMap.newKeySet();
      final Set<Long> afterTimer = ConcurrentHashMap.newKeySet();
      final Set<Long> received = ConcurrentHashMap.newKeySet();
      try (JobWorker work = completing(client, "resume.work", worked);
          JobWorker timer = completing(client, "resume.after-timer", afterTimer);
          JobWorker parcel = completing(client, "resume.received", received)) {
        for (int i = 0; i < 10; i++) {
          client
              .newPublishMessageCommand()
              .messageName("parcel")
              .correlationKey("order-" + i)
              .send()
              .join();
        }
        await("work of the instances created before the kill")
            .atMost(Duration.ofSeconds(60))
            .until(() -> worked.containsAll(atWork) && worked.containsAll(confirmedBeforeKill));
        await("timers of the first run")
            .atMost(Duration.ofSeconds(60))
            .until(() -> afterTimer.containsAll(atTimer));
        await("parcels for the subscriptions of the first run")
            .atMost(Duration.ofSeconds(60))
            .until(() -> received.containsAll(waitingForParcel));
        assertThat(worked).doesNotContainAnyElementsOf(waitingForParcel);
        assertThat(received).hasSameSizeAs(waitingForParcel);
      }
    }
  }

  @Test
  void aFolderOfAnotherLayoutStartsAnEmptyEngineUnderANewRun() throws Exception {
    final String firstRun = start(false);
    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    final Path marker = folder.resolve("engine.properties");
    Files.writeString(
        marker, Files.readString(marker).replace("layout=1", "layout=0"), StandardCharsets.UTF_8);

    final String secondRun = start(false);

    assertThat(secondRun).isNotEqualTo(firstRun);
    try (CamundaClient client = client()) {
      final var deployed =
          client
              .newDeployResourceCommand()
              .addProcessModel(timerProcess(), "timer.bpmn")
              .send()
              .join();
      assertThat(deployed.getProcesses().getFirst().getVersion()).isEqualTo(1);
    }
  }

  @Test
  void userTasksAndIncidentsOfTheEarlierRunAreFoundAndHandledAfterTheRestart() throws Exception {
    final Path sameFolder = folder.resolve("in-process");
    final long userTaskKey;
    final long failedJob;
    final long incident;
    EmbeddedEngine first =
        EmbeddedEngine.onLoopback(port, restPort, EngineState.of("rocksdb", sameFolder, true));
    first.start();
    try (CamundaClient client = client()) {
      client
          .newDeployResourceCommand()
          .addProcessModel(reviewProcess(), "review.bpmn")
          .addProcessModel(timerProcess(), "timer.bpmn")
          .send()
          .join();
      final Map<String, Long> seen = new ConcurrentHashMap<>();
      try (JobWorker listener =
              client
                  .newWorker()
                  .jobType("resume.review-created")
                  .handler(
                      (jobClient, job) -> {
                        // the in-memory gateway hands the task's key as a job header
                        seen.put(
                            "userTask",
                            Long.parseLong(
                                job.getCustomHeaders().get("io.camunda.zeebe:userTaskKey")));
                        jobClient.newCompleteCommand(job).send().join();
                      })
                  .open();
          JobWorker failing =
              client
                  .newWorker()
                  .jobType("resume.check")
                  .handler(
                      (jobClient, job) -> {
                        seen.put("job", job.getKey());
                        jobClient.newFailCommand(job).retries(0).errorMessage("down").send().join();
                      })
                  .open()) {
        client.newCreateInstanceCommand().bpmnProcessId("review").latestVersion().send().join();
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 2);
      }
      userTaskKey = seen.get("userTask");
      failedJob = seen.get("job");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> first.incidentKeyOfJob(failedJob).isPresent());
      incident = first.incidentKeyOfJob(failedJob).getAsLong();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> first.openUserTask(userTaskKey).isPresent());
      // more work after them, so that the log that held them is cut behind processing
      create(client, "timer", 0, 20);
      await().atMost(Duration.ofSeconds(10)).until(() -> first.logSize().blocks() <= 2);
    } finally {
      first.stop();
    }

    final EmbeddedEngine second =
        EmbeddedEngine.onLoopback(port, restPort, EngineState.of("rocksdb", sameFolder, true));
    second.start();
    try (CamundaClient client = client()) {
      assertThat(second.resumed()).isTrue();
      assertThat(second.openUserTask(userTaskKey))
          .get()
          .extracting(OpenUserTask::elementId, OpenUserTask::state)
          .containsExactly("review-task", "CREATED");
      assertThat(second.incidentKeyOfJob(failedJob)).hasValue(incident);

      final Set<Long> checked = ConcurrentHashMap.newKeySet();
      try (JobWorker recovered = completing(client, "resume.check", checked)) {
        client.newUpdateRetriesCommand(failedJob).retries(1).send().join();
        client.newResolveIncidentCommand(incident).send().join();
        await().atMost(Duration.ofSeconds(20)).until(() -> !checked.isEmpty());
      }
      assertThat(second.completeUserTask(userTaskKey, "{\"approved\":true}", null).accepted())
          .isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> second.openUserTask(userTaskKey).isEmpty());
      assertThat(second.incidentKeyOfJob(failedJob)).isEmpty();
    } finally {
      second.stop();
    }
  }

  /** Starts the engine in its own JVM; returns its run id once it reports whether it resumed. */
  private String start(final boolean expectResumed) throws IOException {
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ResumableEngineMain.class.getName(),
                folder.toAbsolutePath().toString(),
                Integer.toString(port),
                Integer.toString(restPort))
            .redirectErrorStream(true)
            .start();
    final var output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    final long deadline = System.nanoTime() + START.toNanos();
    final List<String> seen = new ArrayList<>();
    String line;
    while ((line = output.readLine()) != null && System.nanoTime() < deadline) {
      seen.add(line);
      if (line.startsWith("READY ")) {
        assertThat(line).as("engine start").contains("resumed=" + expectResumed);
        drain(output);
        return line.substring(line.indexOf(" run=") + 5).strip();
      }
    }
    throw new AssertionError("the engine did not start:\n" + String.join("\n", seen));
  }

  private static void drain(final BufferedReader output) {
    final Thread drainer =
        new Thread(
            () -> {
              try {
                while (output.readLine() != null) {
                  // the child's log is not needed once it is ready
                }
              } catch (final IOException e) {
                // the child is gone
              }
            },
            "engine-child-output");
    drainer.setDaemon(true);
    drainer.start();
  }

  private CamundaClient client() {
    return CamundaClient.newClientBuilder()
        .preferRestOverGrpc(false)
        .grpcAddress(URI.create("http://127.0.0.1:" + port))
        .defaultJobWorkerStreamEnabled(true)
        .build();
  }

  private static Set<Long> create(
      final CamundaClient client, final String process, final int from, final int to) {
    final Set<Long> keys = ConcurrentHashMap.newKeySet();
    for (int i = from; i < to; i++) {
      keys.add(
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(process)
              .latestVersion()
              .variables(Map.of("orderId", "order-" + i))
              .send()
              .join()
              .getProcessInstanceKey());
    }
    return keys;
  }

  private static JobWorker completing(
      final CamundaClient client, final String type, final Set<Long> seen) {
    return client
        .newWorker()
        .jobType(type)
        .handler(
            (jobClient, job) -> {
              jobClient.newCompleteCommand(job).send().join();
              seen.add(instanceOf(job));
            })
        .timeout(Duration.ofSeconds(10))
        .open();
  }

  private static long instanceOf(final ActivatedJob job) {
    return job.getProcessInstanceKey();
  }

  private static BpmnModelInstance parcelProcess() {
    return Bpmn.createExecutableProcess("parcel")
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobType("resume.work"))
        .intermediateCatchEvent(
            "parcel-received",
            e -> e.message(m -> m.name("parcel").zeebeCorrelationKeyExpression("orderId")))
        .serviceTask("received", t -> t.zeebeJobType("resume.received"))
        .endEvent()
        .done();
  }

  private static BpmnModelInstance reviewProcess() {
    return Bpmn.createExecutableProcess("review")
        .startEvent()
        .parallelGateway("fork")
        .userTask(
            "review-task",
            task ->
                task.zeebeUserTask()
                    .zeebeCandidateGroups("OPS")
                    .zeebeTaskListener(
                        l ->
                            l.eventType(ZeebeTaskListenerEventType.creating)
                                .type("resume.review-created")))
        .endEvent()
        .moveToNode("fork")
        .serviceTask("check", t -> t.zeebeJobType("resume.check"))
        .endEvent()
        .done();
  }

  private static BpmnModelInstance timerProcess() {
    return Bpmn.createExecutableProcess("timer")
        .startEvent()
        .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT8S"))
        .serviceTask("after-timer", t -> t.zeebeJobType("resume.after-timer"))
        .endEvent()
        .done();
  }
}
