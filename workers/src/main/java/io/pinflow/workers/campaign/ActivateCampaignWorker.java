package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddPromotions;
import io.pinflow.domain.campaign.Campaign;
import io.pinflow.domain.campaign.CampaignItem;
import io.pinflow.domain.campaign.Campaigns;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.campaign.activate}: creates the limited-time activity of each goods on PDD and
 * records each one as soon as the platform answers, so a retry creates only the missing ones; then
 * the campaign is ACTIVE.
 */
@Component
public class ActivateCampaignWorker {

  private final Campaigns campaigns;
  private final PddPromotions promotions;
  private final Clock clock;

  public ActivateCampaignWorker(
      final Campaigns campaigns, final PddPromotions promotions, final Clock clock) {
    this.campaigns = campaigns;
    this.promotions = promotions;
    this.clock = clock;
  }

  public record Input(String campaignId) {}

  public record Output(List<Long> pddActivityIds) {}

  @JobWorker(type = "pinflow.campaign.activate")
  public Output activate(@VariablesAsType final Input input) {
    final Campaign campaign = campaigns.find(input.campaignId());
    final List<CampaignItem> missing =
        campaign.items().stream().filter(item -> item.pddActivityId() == null).toList();
    missing.stream()
        .filter(item -> item.goodsId() == null)
        .findFirst()
        .ifPresent(
            item -> {
              throw new IllegalStateException(
                  "SKU " + item.outerSkuId() + " has no goods on PDD: list it first");
            });
    final Map<Long, List<CampaignItem>> byGoods =
        missing.stream()
            .collect(
                Collectors.groupingBy(
                    CampaignItem::goodsId, LinkedHashMap::new, Collectors.toList()));
    // started so late that it is over already: nothing to run on the platform
    final boolean over = !campaign.endTime().isAfter(clock.instant());
    if (!over) {
      byGoods.forEach(
          (goodsId, items) ->
              campaigns.activityCreated(
                  campaign.campaignId(), goodsId, promotions.create(campaign, goodsId, items)));
    }
    campaigns.activated(campaign.campaignId());
    return new Output(
        campaigns.find(campaign.campaignId()).items().stream()
            .map(CampaignItem::pddActivityId)
            .filter(Objects::nonNull)
            .distinct()
            .toList());
  }
}
