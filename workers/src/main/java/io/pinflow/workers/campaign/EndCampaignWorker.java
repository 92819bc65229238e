package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddPromotions;
import io.pinflow.domain.campaign.Campaigns;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.campaign.end}: the end time came. The activities are cancelled on PDD, what the
 * campaign still holds is released and its report stored.
 */
@Component
public class EndCampaignWorker {

  private final Campaigns campaigns;
  private final PddPromotions promotions;

  public EndCampaignWorker(final Campaigns campaigns, final PddPromotions promotions) {
    this.campaigns = campaigns;
    this.promotions = promotions;
  }

  public record Input(String campaignId) {}

  @JobWorker(type = "pinflow.campaign.end")
  public void end(@VariablesAsType final Input input) {
    promotions.cancelAll(campaigns.find(input.campaignId()));
    campaigns.end(input.campaignId(), false);
  }
}
