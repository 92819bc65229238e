package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.campaign.check}: checks the plan (catalogue, listing on the shop, prices, stock,
 * overlapping campaigns) and hands the routing its inputs and the timers the plan's current times.
 */
@Component
public class CheckCampaignWorker {

  private final Campaigns campaigns;

  public CheckCampaignWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(String campaignId) {}

  public record Output(
      List<String> problems,
      BigDecimal discountDepthPercent,
      long totalSubsidyFen,
      int belowCostItems,
      String startTime,
      String endTime) {}

  @JobWorker(type = "pinflow.campaign.check")
  public Output check(@VariablesAsType final Input input) {
    final Campaigns.Check check = campaigns.check(input.campaignId());
    return new Output(
        check.problems(),
        check.discountDepthPercent(),
        check.totalSubsidyFen(),
        check.belowCostItems(),
        check.startTime().toString(),
        check.endTime().toString());
  }
}
