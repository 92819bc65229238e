package io.pinflow.domain.campaign;

import io.pinflow.domain.common.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface CampaignRepository {

  /** Stores a new campaign; false when the shop already has one under the idempotency key. */
  boolean insert(Campaign campaign, String idempotencyKey);

  Optional<Campaign> find(String campaignId);

  Optional<Campaign> findByIdempotencyKey(String shopId, String idempotencyKey);

  Page<Campaign> list(CampaignQuery query);

  /** Campaigns not closed yet, oldest first. */
  List<String> unfinished();

  /** Moves the campaign from one of {@code from} to {@code to}; false if it was elsewhere. */
  boolean moveTo(String campaignId, Collection<CampaignStatus> from, CampaignStatus to, Instant at);

  /** Replaces the plan (name, times, items) of a campaign sent back for revision. */
  void replacePlan(String campaignId, NewCampaign plan, Instant at);

  /** Items enriched by the checks: regular price, cost and the platform's goods per SKU. */
  void recordChecks(
      String campaignId,
      List<CampaignItem> items,
      List<String> problems,
      BigDecimal discountDepthPercent,
      long totalSubsidyFen,
      int belowCostItems,
      Instant at);

  void recordRouting(String campaignId, List<String> approvers, String rule, Instant at);

  /** Stores a decision; false when that step of that round was recorded before. */
  boolean recordApproval(String campaignId, CampaignApproval approval);

  /** REJECTED with the reason; false when it was not in {@code from}. */
  boolean requestRevision(
      String campaignId, Collection<CampaignStatus> from, String reason, Instant at);

  /** Back to SUBMITTED for a new round; false when it was not REJECTED. */
  boolean resubmit(String campaignId, Instant at);

  /** Other campaigns of the shop in {@code statuses} holding any of the SKUs between the times. */
  List<Overlap> overlapping(
      String campaignId,
      String shopId,
      Collection<String> outerSkuIds,
      Instant from,
      Instant to,
      Collection<CampaignStatus> statuses);

  /** A campaign of the same shop whose time span overlaps on a SKU. */
  record Overlap(String campaignId, String outerSkuId, CampaignStatus status) {}

  void recordReserved(String campaignId, Map<String, Integer> reserved, Instant at);

  /** The platform's activity of a goods' items. */
  void recordActivity(String campaignId, long goodsId, long activityId, Instant at);

  /** ACTIVE from SCHEDULED, with the time it became so; false when it was elsewhere. */
  boolean activate(String campaignId, Instant at);

  /** Notes the first stop request; false when one was noted before or the campaign is closed. */
  boolean markStopRequested(String campaignId, Instant at);

  /**
   * Closes the campaign in a final status: the remaining quantity per SKU, the report's window and
   * its sales per SKU; false when it was closed before.
   */
  boolean close(
      String campaignId,
      CampaignStatus status,
      boolean stoppedEarly,
      String reason,
      Map<String, Integer> remaining,
      Instant at);

  /** Units sold and their revenue. */
  record Sales(long units, long revenueFen) {

    public static final Sales NONE = new Sales(0, 0);
  }

  /** Sales per SKU of a shop between two times: units and revenue of orders not cancelled. */
  Map<String, Sales> sales(String shopId, Collection<String> outerSkuIds, Instant from, Instant to);

  /** Stores the report's window and per-SKU figures (during and before). */
  void recordReport(
      String campaignId,
      Instant from,
      Instant to,
      Map<String, Sales> during,
      Map<String, Sales> before,
      Instant at);

  /** The per-SKU lines of a stored report. */
  List<CampaignReport.Line> reportLines(String campaignId);
}
