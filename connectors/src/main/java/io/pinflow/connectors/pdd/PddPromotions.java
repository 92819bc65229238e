package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.domain.campaign.Campaign;
import io.pinflow.domain.campaign.CampaignItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Limited-time discounts on PDD: {@code pdd.promotion.limited.activity.create} per goods (the SKUs
 * of a campaign on that goods, with activity price, quantity and per-buyer limit, start and end in
 * epoch seconds) and {@code pdd.promotion.limited.activity.cancel}.
 */
@Component
public class PddPromotions {

  static final String CREATE = "pdd.promotion.limited.activity.create";
  static final String CANCEL = "pdd.promotion.limited.activity.cancel";

  static final String ACTIVITY_NOT_EXIST = "isv.activity-not-exist";

  private final PddClient pdd;

  public PddPromotions(final PddClient pdd) {
    this.pdd = pdd;
  }

  /** Creates the activity of one goods; returns the platform's activity id. */
  public long create(final Campaign campaign, final long goodsId, final List<CampaignItem> items) {
    final Map<String, Object> params = new LinkedHashMap<>();
    params.put("goods_id", Long.toString(goodsId));
    params.put("activity_name", campaign.name());
    params.put("start_time", Long.toString(campaign.startTime().getEpochSecond()));
    params.put("end_time", Long.toString(campaign.endTime().getEpochSecond()));
    params.put(
        "sku_list",
        items.stream()
            .map(
                item ->
                    Map.of(
                        "outer_id", item.outerSkuId(),
                        "activity_price", item.activityPriceFen(),
                        "activity_quantity", item.quantity(),
                        "user_limit", item.perBuyerLimit()))
            .toList());
    final JsonNode answer = pdd.call(campaign.shopId(), CREATE, params);
    final long activityId = answer.path("activity_id").asLong(0);
    if (activityId <= 0) {
      throw new PddApiException(CREATE, 0, null, "the answer carries no activity_id");
    }
    return activityId;
  }

  /**
   * Cancels every activity of the campaign. Cancelling one cancelled before changes nothing; one
   * the platform does not know (anymore) cannot run, and counts as cancelled.
   */
  public void cancelAll(final Campaign campaign) {
    final List<Long> activityIds =
        campaign.items().stream()
            .map(CampaignItem::pddActivityId)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    for (final long activityId : activityIds) {
      try {
        pdd.call(campaign.shopId(), CANCEL, Map.of("activity_id", Long.toString(activityId)));
      } catch (final PddApiException e) {
        if (!ACTIVITY_NOT_EXIST.equals(e.subCode())) {
          throw e;
        }
      }
    }
  }
}
