package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.pinflow.embedded.engine.EmbeddedEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the process tests: a fresh in-memory engine per test with every model of this module
 * deployed. Tests play the workers' part: they activate the jobs the process creates, check the
 * variables handed to them and complete them with the workers' results.
 */
public abstract class ProcessTestSupport {

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
  protected static EmbeddedEngine engine;
  protected static CamundaClient client;
  private static final Map<Long, ActivatedJob> heldUserTasks =
      new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void startEngine() {
    engine = EmbeddedEngine.forTests();
    engine.start();
    client =
        CamundaClient.newClientBuilder()
            .preferRestOverGrpc(false)
            .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
            .restAddress(URI.create(engine.getRestAddress()))
            .build();
    deployAllModels();
  }

  @AfterEach
  void stopEngine() {
    heldUserTasks.clear();
    client.close();
    engine.stop();
  }

  private static void deployAllModels() {
    final List<Path> models;
    try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "models"))) {
      models = files.sorted().toList();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    var command = client.newDeployResourceCommand().addResourceFile(models.getFirst().toString());
    for (final Path model : models.subList(1, models.size())) {
      command = command.addResourceFile(model.toString());
    }
    command.send().join();
  }

  protected static ProcessInstanceEvent start(
      final String processId, final Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  /**
   * Starts an instance before the given elements, as Pinflow re-drives a business object after a
   * restart of the in-memory engine.
   */
  protected static ProcessInstanceEvent startBefore(
      final String processId, final Map<String, Object> variables, final String... elements) {
    var command =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(variables);
    for (final String element : elements) {
      command = command.startBeforeElement(element);
    }
    final ProcessInstanceEvent instance = command.send().join();
    waitForIdle();
    return instance;
  }

  /** Activates the single open job of {@code type}; fails when there is none. */
  protected static ActivatedJob nextJob(final String type) {
    waitForIdle();
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(1))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).as("open job of type %s", type).hasSize(1);
    return jobs.getFirst();
  }

  /** Activates the job of {@code type} and completes it with {@code result}; returns the job. */
  protected static ActivatedJob completeJob(final String type, final Map<String, Object> result) {
    final ActivatedJob job = nextJob(type);
    client.newCompleteCommand(job).variables(result).send().join();
    waitForIdle();
    return job;
  }

  /** The job type of the task inbox's listener that hears of each user task being created. */
  protected static final String TASK_CREATED_LISTENER = "pinflow.task-inbox.collect";

  /**
   * The open Camunda user task at {@code elementId}, as its "creating" listener job announced it
   * (the process variables, the task's headers); fails when there is none. As the task inbox does,
   * each listener job is completed once, which lets the engine create the task, and held here.
   */
  protected static ActivatedJob userTask(final String elementId) {
    waitForIdle();
    final List<ActivatedJob> announced =
        client
            .newActivateJobsCommand()
            .jobType(TASK_CREATED_LISTENER)
            .maxJobsToActivate(50)
            .timeout(Duration.ofMinutes(1))
            .send()
            .join()
            .getJobs();
    for (final ActivatedJob listener : announced) {
      client.newCompleteCommand(listener).send().join();
      heldUserTasks.put(userTaskKey(listener), listener);
    }
    waitForIdle();
    final List<ActivatedJob> matching =
        heldUserTasks.values().stream()
            .filter(job -> job.getElementId().equals(elementId))
            .toList();
    assertThat(matching).as("open user task %s", elementId).hasSize(1);
    return matching.getFirst();
  }

  /** The key of the user task a "creating" listener job announced. */
  protected static long userTaskKey(final ActivatedJob listener) {
    if (listener.getUserTask() != null && listener.getUserTask().getUserTaskKey() != null) {
      return listener.getUserTask().getUserTaskKey();
    }
    return Long.parseLong(listener.getCustomHeaders().get("io.camunda.zeebe:userTaskKey"));
  }

  /** Forgets held user tasks the engine cancelled (their element was left). */
  protected static void forgetUserTask(final ActivatedJob task) {
    heldUserTasks.remove(userTaskKey(task));
  }

  /**
   * Completes the user task at {@code elementId} as a person would, with the user-task command;
   * returns its listener job.
   */
  protected static ActivatedJob completeUserTask(
      final String elementId, final Map<String, Object> variables) {
    final ActivatedJob task = userTask(elementId);
    final long key = userTaskKey(task);
    client.newCompleteUserTaskCommand(key).variables(variables).send().join();
    heldUserTasks.remove(key);
    waitForIdle();
    return task;
  }

  /** Activates the job of {@code type} and throws the BPMN error {@code code} from it. */
  protected static ActivatedJob throwError(
      final String type, final String code, final Map<String, Object> variables) {
    final ActivatedJob job = nextJob(type);
    client.newThrowErrorCommand(job).errorCode(code).variables(variables).send().join();
    waitForIdle();
    return job;
  }

  protected static void publish(
      final String name, final String correlationKey, final Map<String, Object> variables) {
    publish(name, correlationKey, name + "-" + System.nanoTime(), variables);
  }

  protected static void publish(
      final String name,
      final String correlationKey,
      final String messageId,
      final Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(correlationKey)
        .messageId(messageId)
        .timeToLive(Duration.ofMinutes(10))
        .variables(variables)
        .send()
        .join();
    waitForIdle();
  }

  /** Moves the engine's clock; timers due by then fire. */
  protected static void passTime(final Duration duration) {
    engine.increaseTime(duration);
    waitForIdle();
  }

  protected static void waitForIdle() {
    try {
      engine.waitForIdleState(IDLE_TIMEOUT);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (final TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static ProcessInstanceAssert assertThatInstance(final ProcessInstanceEvent instance) {
    waitForIdle();
    return new ProcessInstanceAssert(
        instance.getProcessInstanceKey(), RecordStream.of(engine.getRecordStreamSource()));
  }
}
