package io.pinflow.workers.support;

import io.camunda.client.CamundaClient;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.IncidentRetrier;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Retries a failed job: gives it retries again and resolves its incident, so the engine hands it to
 * a worker once more. The incident key comes from the embedded engine's log, or from the cluster's
 * search API in remote mode.
 */
@Component
public class JobIncidentRetrier implements IncidentRetrier {

  static final int RETRIES_AFTER_MANUAL_RETRY = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final CamundaClient camunda;
  private final LongFunction<OptionalLong> embeddedIncidentKeys;

  public JobIncidentRetrier(
      final CamundaClient camunda,
      @Nullable @Qualifier("embeddedIncidentKeys")
          final LongFunction<OptionalLong> embeddedIncidentKeys) {
    this.camunda = camunda;
    this.embeddedIncidentKeys = embeddedIncidentKeys;
  }

  @Override
  public boolean supports(final Incident.Kind kind) {
    return kind == Incident.Kind.JOB;
  }

  @Override
  public void retry(final Incident incident) {
    final long jobKey = incident.jobKey();
    camunda
        .newUpdateRetriesCommand(jobKey)
        .retries(RETRIES_AFTER_MANUAL_RETRY)
        .requestTimeout(TIMEOUT)
        .send()
        .join();
    final long incidentKey =
        incidentKey(jobKey)
            .orElseThrow(
                () ->
                    new IllegalStateException("the engine has no open incident for job " + jobKey));
    camunda.newResolveIncidentCommand(incidentKey).requestTimeout(TIMEOUT).send().join();
  }

  private OptionalLong incidentKey(final long jobKey) {
    if (embeddedIncidentKeys != null) {
      return embeddedIncidentKeys.apply(jobKey);
    }
    final var found =
        camunda
            .newIncidentSearchRequest()
            .filter(f -> f.jobKey(jobKey))
            .requestTimeout(TIMEOUT)
            .send()
            .join()
            .items();
    return found.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(found.getFirst().getIncidentKey());
  }
}
