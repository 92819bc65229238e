package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.campaign.cancel}: the campaign could not get its stock (ops cancelled it, or its
 * end time came first); whatever it held goes back.
 */
@Component
public class CancelCampaignWorker {

  private final Campaigns campaigns;

  public CancelCampaignWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  /** {@code cancelReason}: STOCK_SHORT_CANCELLED (ops chose so) or STOCK_SHORT_UNTIL_END. */
  public record Input(
      String campaignId, String cancelReason, List<String> shortSkus, String stockDecidedBy) {}

  @JobWorker(type = "pinflow.campaign.cancel")
  public void cancel(@VariablesAsType final Input input) {
    final String shortage =
        input.shortSkus() == null || input.shortSkus().isEmpty()
            ? "stock short"
            : "stock short: " + String.join(", ", input.shortSkus());
    campaigns.cancel(
        input.campaignId(),
        "STOCK_SHORT_CANCELLED".equals(input.cancelReason())
            ? shortage + "; cancelled by " + input.stockDecidedBy()
            : shortage + "; the end time came first");
  }
}
