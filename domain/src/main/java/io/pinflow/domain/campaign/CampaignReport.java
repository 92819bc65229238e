package io.pinflow.domain.campaign;

import java.time.Instant;
import java.util.List;

/**
 * Sales of a campaign's SKUs on its shop while it ran, against the same span right before it, and
 * the subsidy spent (regular less activity price, for the units sold through the campaign).
 */
public record CampaignReport(
    String campaignId,
    String shopId,
    String name,
    CampaignStatus status,
    boolean stoppedEarly,
    Instant from,
    Instant to,
    Instant beforeFrom,
    Instant beforeTo,
    long unitsDuring,
    long revenueDuringFen,
    long unitsBefore,
    long revenueBeforeFen,
    long campaignUnits,
    long subsidyFen,
    Instant reportedAt,
    List<Line> skus) {

  /** The same figures for one SKU. */
  public record Line(
      String outerSkuId,
      long unitsDuring,
      long revenueDuringFen,
      long unitsBefore,
      long revenueBeforeFen,
      int reservedQuantity,
      int campaignUnits,
      long subsidyFen) {}

  public CampaignReport {
    skus = List.copyOf(skus);
  }
}
