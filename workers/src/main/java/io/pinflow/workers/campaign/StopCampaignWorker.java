package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddPromotions;
import io.pinflow.domain.campaign.Campaigns;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.campaign.stop}: stopped through the API. Activities on PDD are cancelled; an
 * active campaign ends early with its report, one not started is cancelled.
 */
@Component
public class StopCampaignWorker {

  private final Campaigns campaigns;
  private final PddPromotions promotions;

  public StopCampaignWorker(final Campaigns campaigns, final PddPromotions promotions) {
    this.campaigns = campaigns;
    this.promotions = promotions;
  }

  public record Input(String campaignId, String stopReason) {}

  @JobWorker(type = "pinflow.campaign.stop")
  public void stop(@VariablesAsType final Input input) {
    promotions.cancelAll(campaigns.find(input.campaignId()));
    campaigns.stop(input.campaignId(), input.stopReason());
  }
}
