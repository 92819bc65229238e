package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import org.springframework.stereotype.Component;

/** {@code pinflow.campaign.schedule}: approved; the campaign waits for its start time. */
@Component
public class ScheduleCampaignWorker {

  private final Campaigns campaigns;

  public ScheduleCampaignWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(String campaignId) {}

  @JobWorker(type = "pinflow.campaign.schedule")
  public void schedule(@VariablesAsType final Input input) {
    campaigns.schedule(input.campaignId());
  }
}
