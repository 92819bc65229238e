package io.pinflow.workers.support;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.spring.event.CamundaClientCreatedSpringEvent;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.Incidents;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What happens when a worker throws. BPMN errors go to the process as modelled. Any other exception
 * is a technical failure: the job is failed with one retry less and an exponential back-off; when
 * no retries are left the engine raises an incident and Pinflow records it with the business key,
 * so that it shows in {@code GET /api/incidents} and can be retried from there.
 */
@Component
public class IncidentRecordingExceptionStrategy implements JobExceptionHandlingStrategy {

  private static final Logger LOG =
      LoggerFactory.getLogger(IncidentRecordingExceptionStrategy.class);
  private static final int MAX_ERROR_MESSAGE = 2000;

  private final DefaultJobExceptionHandlingStrategy modelled;
  private final Incidents incidents;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final Queue<Incident> unrecorded = new ConcurrentLinkedQueue<>();

  public IncidentRecordingExceptionStrategy(
      final io.camunda.client.jobhandling.CommandExceptionHandlingStrategy commands,
      final io.camunda.client.metrics.MetricsRecorder metrics,
      final Incidents incidents,
      final RetryPolicy retryPolicy,
      final Clock clock) {
    this.modelled = new DefaultJobExceptionHandlingStrategy(commands, metrics);
    this.incidents = incidents;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
  }

  /** Job incidents of an earlier engine run name jobs this engine does not have. */
  @EventListener
  public void engineStarted(final CamundaClientCreatedSpringEvent event) {
    final int resolved = incidents.resolveJobIncidentsOfEarlierEngineRuns();
    if (resolved > 0) {
      LOG.warn("Resolved {} job incidents of an earlier engine run: their jobs are gone", resolved);
    }
  }

  @Override
  public void handleException(final Exception exception, final ExceptionHandlingContext context)
      throws Exception {
    if (exception instanceof BpmnError || exception instanceof JobError) {
      modelled.handleException(exception, context);
      return;
    }
    final ActivatedJob job = context.job();
    final int retriesLeft = Math.max(0, job.getRetries() - 1);
    final Duration backoff = retryPolicy.backoff(retriesLeft);
    final String message = describe(exception);
    final Map<String, Object> variables = job.getVariablesAsMap();
    final Object businessKey = variables.get("businessKey");
    if (retriesLeft > 0) {
      LOG.warn(
          "Job {} ({}) of {} failed, {} retries left, next in {}: {}",
          job.getKey(),
          job.getType(),
          businessKey,
          retriesLeft,
          backoff,
          message);
    } else {
      LOG.error(
          "Job {} ({}) of {} failed with no retries left: incident. {}",
          job.getKey(),
          job.getType(),
          businessKey,
          message,
          exception);
    }
    context
        .jobClient()
        .newFailCommand(job.getKey())
        .retries(retriesLeft)
        .retryBackoff(backoff)
        .errorMessage(message)
        .send()
        .join();
    if (retriesLeft == 0) {
      record(
          new Incident(
              0,
              Incident.Kind.JOB,
              Incident.Status.OPEN,
              job.getKey(),
              job.getProcessInstanceKey(),
              job.getElementId(),
              job.getType(),
              job.getBpmnProcessId(),
              businessKey == null ? null : businessKey.toString(),
              variables.get("shopId") == null ? null : variables.get("shopId").toString(),
              exception.getClass().getSimpleName(),
              message,
              null,
              null,
              0,
              clock.instant(),
              null,
              null));
    }
  }

  private void record(final Incident incident) {
    try {
      incidents.recordJobFailure(incident);
    } catch (final RuntimeException e) {
      LOG.warn(
          "Incident of job {} not recorded yet, will retry: {}", incident.jobKey(), e.getMessage());
      unrecorded.add(incident);
    }
  }

  /** Incidents that could not be written (the database was down) are written when it is back. */
  @Scheduled(fixedDelayString = "${pinflow.workers.incident-flush-interval:10s}")
  void recordPending() {
    for (int i = unrecorded.size(); i > 0; i--) {
      final Incident incident = unrecorded.poll();
      if (incident == null) {
        return;
      }
      record(incident);
    }
  }

  private static String describe(final Exception exception) {
    final var text = new StringBuilder(exception.getClass().getSimpleName());
    if (exception.getMessage() != null) {
      text.append(": ").append(exception.getMessage());
    }
    Throwable cause = exception.getCause();
    for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
      text.append(" <- ").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.length() <= MAX_ERROR_MESSAGE
        ? text.toString()
        : text.substring(0, MAX_ERROR_MESSAGE);
  }
}
