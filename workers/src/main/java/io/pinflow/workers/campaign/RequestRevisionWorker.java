package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.campaign.request-revision}: the campaign goes back to its submitter with the
 * reason (the checks' problems, or the approver's comment), shown on the revise task.
 */
@Component
public class RequestRevisionWorker {

  private final Campaigns campaigns;

  public RequestRevisionWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(String campaignId) {}

  public record Output(String revisionReason) {}

  @JobWorker(type = "pinflow.campaign.request-revision")
  public Output request(@VariablesAsType final Input input) {
    return new Output(campaigns.requestRevision(input.campaignId()));
  }
}
