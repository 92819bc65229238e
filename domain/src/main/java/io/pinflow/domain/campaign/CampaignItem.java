package io.pinflow.domain.campaign;

/**
 * One SKU of a campaign: what ops asked for (activity price, quantity, per-buyer limit; 0 is no
 * limit), what the checks saw (regular price, cost, the platform's goods), the platform's
 * limited-time activity, and the quantity held at the start and left at the end.
 */
public record CampaignItem(
    String outerSkuId,
    long activityPriceFen,
    int quantity,
    int perBuyerLimit,
    Long regularPriceFen,
    Long costFen,
    Long goodsId,
    Long pddActivityId,
    Integer reservedQuantity,
    Integer remainingQuantity) {

  /** An item as requested, before any check. */
  public static CampaignItem requested(
      final String outerSkuId, final long activityPriceFen, final int quantity, final int limit) {
    return new CampaignItem(
        outerSkuId, activityPriceFen, quantity, limit, null, null, null, null, null, null);
  }

  /** Subsidy per unit against the regular price; 0 while the regular price is unknown. */
  public long subsidyPerUnitFen() {
    return regularPriceFen == null ? 0 : Math.max(0, regularPriceFen - activityPriceFen);
  }

  /** Sold at or below cost, or with no known cost (finance must look at it). */
  public boolean belowCost() {
    return costFen == null || costFen <= 0 || activityPriceFen <= costFen;
  }

  /** Units sold through the campaign: what was held at the start less what was left. */
  public int soldQuantity() {
    return reservedQuantity == null || remainingQuantity == null
        ? 0
        : Math.max(0, reservedQuantity - remainingQuantity);
  }
}
