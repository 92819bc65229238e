package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import org.springframework.stereotype.Component;

/** {@code pinflow.campaign.withdraw}: the submitter gave the campaign up. */
@Component
public class WithdrawCampaignWorker {

  private final Campaigns campaigns;

  public WithdrawCampaignWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(String campaignId, String reason, String revisedBy) {}

  @JobWorker(type = "pinflow.campaign.withdraw")
  public void withdraw(@VariablesAsType final Input input) {
    campaigns.withdraw(input.campaignId(), input.reason(), input.revisedBy());
  }
}
