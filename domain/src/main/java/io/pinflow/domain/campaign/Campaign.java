package io.pinflow.domain.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A limited-time discount on one shop: its plan (name, times, items), where it stands, what the
 * checks and the approval routing found, and, once ended, the window its report covers.
 */
public record Campaign(
    String campaignId,
    String shopId,
    String name,
    Instant startTime,
    Instant endTime,
    CampaignStatus status,
    String submittedBy,
    int round,
    List<String> problems,
    BigDecimal discountDepthPercent,
    Long totalSubsidyFen,
    Integer belowCostItems,
    List<String> approvers,
    String routingRule,
    String revisionReason,
    Instant stopRequestedAt,
    boolean stoppedEarly,
    String closedReason,
    Instant reportFrom,
    Instant reportTo,
    Instant reportedAt,
    Instant createdAt,
    Instant activatedAt,
    Instant endedAt,
    Instant updatedAt,
    List<CampaignItem> items,
    List<CampaignApproval> approvals) {

  public Campaign {
    problems = problems == null ? List.of() : List.copyOf(problems);
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    items = items == null ? List.of() : List.copyOf(items);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }

  /** This campaign with its items and approvals (stored apart). */
  public Campaign with(final List<CampaignItem> items, final List<CampaignApproval> approvals) {
    return new Campaign(
        campaignId,
        shopId,
        name,
        startTime,
        endTime,
        status,
        submittedBy,
        round,
        problems,
        discountDepthPercent,
        totalSubsidyFen,
        belowCostItems,
        approvers,
        routingRule,
        revisionReason,
        stopRequestedAt,
        stoppedEarly,
        closedReason,
        reportFrom,
        reportTo,
        reportedAt,
        createdAt,
        activatedAt,
        endedAt,
        updatedAt,
        items,
        approvals);
  }

  /** The same name, times and items as a repeated request. */
  public boolean samePlanAs(final NewCampaign other) {
    return name.equals(other.name() == null ? null : other.name().strip())
        && startTime.equals(other.startTime())
        && endTime.equals(other.endTime())
        && items.stream()
            .map(
                i ->
                    new NewCampaign.Item(
                        i.outerSkuId(), i.activityPriceFen(), i.quantity(), i.perBuyerLimit()))
            .toList()
            .equals(other.items());
  }
}
