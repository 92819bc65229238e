package io.pinflow.api.benchmark;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.bean.BeanInfo;
import io.camunda.client.bean.InfoFactory;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Engine-only processes: a start event, {@code n} service tasks in a row and an end event, deployed
 * to the application's engine, each task of its own job type served by a worker that does nothing.
 * The workers are opened through the application's {@link JobWorkerManager} with the settings of
 * one of Pinflow's own workers (stream, fetch variables, timeouts, max jobs active), so they differ
 * from Pinflow's only in what the handler does. Instances are created with their result: one
 * returns when the instance has completed.
 */
final class NoOpProcesses implements AutoCloseable {

  /** The worker whose settings the no-op workers copy. */
  static final String TEMPLATE_JOB_TYPE = "pinflow.order.check-holds";

  private final CamundaClient client;
  private final JobWorkerManager workers;
  private final JobWorkerValue template;
  private final List<JobWorker> opened = new ArrayList<>();
  private final BeanInfo noOpBean;
  private int jobTypesServed;

  /** The bean whose method the no-op workers call. */
  public static final class NoOpWorker {

    public void work() {
      // nothing: the job completes without variables
    }
  }

  /**
   * Instances of one process completed in one slice of time, those that completed after it (they
   * were on their way when it ended), and those that failed.
   */
  record Slice(
      String processId, long completed, long completedAfter, long failed, Duration elapsed) {

    /** All the instances whose work the slice paid for. */
    long total() {
      return completed + completedAfter;
    }

    double perSecond() {
      return completed / (elapsed.toNanos() / 1e9);
    }
  }

  NoOpProcesses(final CamundaClient client, final JobWorkerManager workers) {
    this.client = client;
    this.workers = workers;
    this.template =
        workers
            .findJobWorkerConfigByType(TEMPLATE_JOB_TYPE)
            .orElseThrow(
                () -> new IllegalStateException("no worker for " + TEMPLATE_JOB_TYPE + " is open"));
    this.noOpBean =
        InfoFactory.instance().beanInfo("benchmarkNoOpWorker", NoOpWorker::new, NoOpWorker.class);
  }

  /** The worker settings copied from Pinflow's worker, for the results. */
  String workerSettings() {
    return "stream %s, max jobs active %s, timeout %s, poll interval %s, fetch variables %s"
        .formatted(
            template.getStreamEnabled(),
            orDefault(template.getMaxJobsActive()),
            orDefault(template.getTimeout()),
            orDefault(template.getPollInterval()),
            template.getFetchVariables());
  }

  /** The starter marks "not set, the client's default" with negative values. */
  private static String orDefault(final Object value) {
    final boolean unset =
        value == null
            || (value instanceof Integer i && i < 0)
            || (value instanceof Duration d && d.isNegative());
    return unset ? "(client default)" : value.toString();
  }

  /** Deploys the process of {@code serviceTasks} no-op tasks and returns its id. */
  String deploy(final int serviceTasks) {
    final String processId = "benchmark-noop-" + serviceTasks;
    AbstractFlowNodeBuilder<?, ?> flow =
        Bpmn.createExecutableProcess(processId).startEvent("StartInstance");
    for (int task = 1; task <= serviceTasks; task++) {
      flow = flow.serviceTask("TaskNoOp" + task).zeebeJobType(jobType(task));
    }
    final BpmnModelInstance model = flow.endEvent("EndInstance").done();
    while (jobTypesServed < serviceTasks) {
      jobTypesServed++;
      opened.add(workers.openWorker(client, noOpWorker(jobType(jobTypesServed))));
    }
    client.newDeployResourceCommand().addProcessModel(model, processId + ".bpmn").send().join();
    return processId;
  }

  /**
   * Creates instances of the process for {@code duration}, at most {@code inFlight} at once, and
   * counts those that completed within it; waits for the rest before it returns.
   */
  Slice run(final String processId, final Duration duration, final int inFlight) {
    final Semaphore permits = new Semaphore(inFlight);
    final AtomicLong completed = new AtomicLong();
    final AtomicLong completedAfter = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final long begin = System.nanoTime();
    final long end = begin + duration.toNanos();
    long serial = 0;
    try {
      while (System.nanoTime() < end) {
        if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
          continue;
        }
        serial++;
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(Map.of("businessKey", processId + "-" + serial, "shopId", "benchmark"))
            .withResult()
            .requestTimeout(Duration.ofMinutes(2))
            .send()
            .whenComplete(
                (result, failure) -> {
                  if (failure != null) {
                    failed.incrementAndGet();
                  } else if (System.nanoTime() <= end) {
                    completed.incrementAndGet();
                  } else {
                    completedAfter.incrementAndGet();
                  }
                  permits.release();
                });
      }
      // the next slice starts on an idle engine
      permits.tryAcquire(inFlight, 2, TimeUnit.MINUTES);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Slice(processId, completed.get(), completedAfter.get(), failed.get(), duration);
  }

  private JobWorkerValue noOpWorker(final String jobType) {
    final JobWorkerValue value = new JobWorkerValue();
    value.setType(jobType);
    value.setName(jobType);
    value.setTimeout(template.getTimeout());
    value.setMaxJobsActive(template.getMaxJobsActive());
    value.setRequestTimeout(template.getRequestTimeout());
    value.setPollInterval(template.getPollInterval());
    value.setAutoComplete(template.getAutoComplete());
    value.setFetchVariables(template.getFetchVariables());
    value.setEnabled(true);
    value.setTenantIds(template.getTenantIds());
    value.setForceFetchAllVariables(template.getForceFetchAllVariables());
    value.setStreamEnabled(template.getStreamEnabled());
    value.setStreamTimeout(template.getStreamTimeout());
    value.setMaxRetries(template.getMaxRetries());
    try {
      value.setMethodInfo(
          InfoFactory.instance().methodInfo(noOpBean, NoOpWorker.class.getMethod("work")));
    } catch (final NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return value;
  }

  private static String jobType(final int task) {
    return "benchmark.noop." + task;
  }

  @Override
  public void close() {
    opened.forEach(workers::closeWorker);
    opened.clear();
  }
}
