package io.pinflow.workers.system;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.pinflow.domain.system.SelfChecks;
import org.springframework.stereotype.Component;

/** {@code pinflow.system.record-self-check}: records that a self-check reached a worker. */
@Component
public class RecordSelfCheckWorker {

  private final SelfChecks selfChecks;

  public RecordSelfCheckWorker(final SelfChecks selfChecks) {
    this.selfChecks = selfChecks;
  }

  public record Input(String checkId) {}

  public record Output(String recordedAt) {}

  @JobWorker(type = "pinflow.system.record-self-check")
  public Output recordSelfCheck(@VariablesAsType final Input input, final ActivatedJob job) {
    final var check =
        selfChecks.record(input.checkId(), job.getProcessInstanceKey(), job.getWorker());
    return new Output(check.recordedAt().toString());
  }
}
