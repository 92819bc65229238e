package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import org.springframework.stereotype.Component;

/** {@code pinflow.campaign.resubmit}: a new round of checks and approvals for the revised plan. */
@Component
public class ResubmitCampaignWorker {

  private final Campaigns campaigns;

  public ResubmitCampaignWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(String campaignId, String revisionNote, String revisedBy) {}

  @JobWorker(type = "pinflow.campaign.resubmit")
  public void resubmit(@VariablesAsType final Input input) {
    campaigns.resubmit(input.campaignId(), input.revisionNote(), input.revisedBy());
  }
}
