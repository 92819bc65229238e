package io.pinflow.api.campaigns;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.orders.OrderViews.TimelineEntry;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.campaign.Campaign;
import io.pinflow.domain.campaign.CampaignApproval;
import io.pinflow.domain.campaign.CampaignItem;
import io.pinflow.domain.campaign.CampaignQuery;
import io.pinflow.domain.campaign.CampaignReport;
import io.pinflow.domain.campaign.CampaignStatus;
import io.pinflow.domain.campaign.Campaigns;
import io.pinflow.domain.campaign.NewCampaign;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.timeline.Timeline;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campaigns: submission (201, the approval process runs on), queries, revision of a rejected plan,
 * an early stop, and the campaign's report.
 */
@RestController
public class CampaignController {

  private final Campaigns campaigns;
  private final Timeline timeline;

  public CampaignController(final Campaigns campaigns, final Timeline timeline) {
    this.campaigns = campaigns;
    this.timeline = timeline;
  }

  public record ItemBody(
      String outerSkuId, Long activityPriceFen, Integer quantity, Integer perBuyerLimit) {}

  public record CampaignRequest(
      String shopId,
      String name,
      OffsetDateTime startTime,
      OffsetDateTime endTime,
      List<ItemBody> items) {

    NewCampaign toNew(final String shop) {
      return new NewCampaign(
          shop,
          name,
          startTime == null ? null : startTime.toInstant(),
          endTime == null ? null : endTime.toInstant(),
          items == null
              ? null
              : items.stream()
                  .map(
                      i ->
                          i == null
                              ? null
                              : new NewCampaign.Item(
                                  i.outerSkuId(),
                                  i.activityPriceFen(),
                                  i.quantity(),
                                  i.perBuyerLimit()))
                  .toList());
    }
  }

  public record StopRequest(String reason) {}

  public record CampaignView(
      String campaignId,
      String shopId,
      String name,
      Instant startTime,
      Instant endTime,
      String status,
      String submittedBy,
      int round,
      List<CampaignItem> items,
      List<String> problems,
      BigDecimal discountDepthPercent,
      Long totalSubsidyFen,
      Integer belowCostItems,
      List<String> approvers,
      String routingRule,
      List<CampaignApproval> approvals,
      String revisionReason,
      Instant stopRequestedAt,
      boolean stoppedEarly,
      String closedReason,
      Instant createdAt,
      Instant activatedAt,
      Instant endedAt,
      Instant updatedAt) {

    static CampaignView of(final Campaign c) {
      return new CampaignView(
          c.campaignId(),
          c.shopId(),
          c.name(),
          c.startTime(),
          c.endTime(),
          c.status().name(),
          c.submittedBy(),
          c.round(),
          c.items(),
          c.problems(),
          c.discountDepthPercent(),
          c.totalSubsidyFen(),
          c.belowCostItems(),
          c.approvers(),
          c.routingRule(),
          c.approvals(),
          c.revisionReason(),
          c.stopRequestedAt(),
          c.stoppedEarly(),
          c.closedReason(),
          c.createdAt(),
          c.activatedAt(),
          c.endedAt(),
          c.updatedAt());
    }
  }

  /**
   * Takes a campaign in. With an {@code Idempotency-Key} header a repeated request answers 200 with
   * the campaign taken first.
   */
  @PostMapping("/api/campaigns")
  @Audited(action = "campaign.submit", target = "CAMPAIGN")
  public ResponseEntity<CampaignView> submit(
      @RequestHeader(name = "Idempotency-Key", required = false) final String idempotencyKey,
      @RequestBody final CampaignRequest request) {
    final Actor actor = CurrentActor.get();
    AuditRecord.current().target(null, request.shopId());
    if (request.shopId() != null && !actor.shops().allows(request.shopId())) {
      throw new NotFoundException("shop", request.shopId());
    }
    final Campaigns.Intake intake =
        campaigns.submit(actor, request.toNew(request.shopId()), idempotencyKey);
    AuditRecord.current()
        .target(intake.campaign().campaignId(), intake.campaign().shopId())
        .detail(intake.created() ? "submitted" : "repeated: unchanged");
    return ResponseEntity.status(intake.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(CampaignView.of(intake.campaign()));
  }

  @GetMapping("/api/campaigns/{campaignId}")
  public CampaignView get(@PathVariable final String campaignId) {
    return CampaignView.of(campaigns.get(CurrentActor.get(), campaignId));
  }

  @GetMapping("/api/campaigns/{campaignId}/timeline")
  public List<TimelineEntry> timeline(@PathVariable final String campaignId) {
    campaigns.get(CurrentActor.get(), campaignId);
    return timeline.of(Campaigns.BUSINESS_TYPE, campaignId).stream()
        .map(e -> new TimelineEntry(e.at(), e.type(), e.detail(), e.actor()))
        .toList();
  }

  @GetMapping("/api/campaigns")
  public Page<CampaignView> list(
      @RequestParam(required = false) final String shopId,
      @RequestParam(required = false) final CampaignStatus status,
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return campaigns
        .list(
            new CampaignQuery(
                CurrentActor.get().shops(), shopId, status, PageRequest.of(page, size)))
        .map(CampaignView::of);
  }

  /** Replaces the plan of a REJECTED campaign; its submitter then resubmits it on the task. */
  @PutMapping("/api/campaigns/{campaignId}")
  @Audited(action = "campaign.revise", target = "CAMPAIGN")
  public CampaignView revise(
      @PathVariable final String campaignId, @RequestBody final CampaignRequest request) {
    AuditRecord.current().target(campaignId, null);
    final Actor actor = CurrentActor.get();
    final Campaign current = campaigns.get(actor, campaignId);
    AuditRecord.current().target(campaignId, current.shopId());
    return CampaignView.of(campaigns.revise(actor, campaignId, request.toNew(current.shopId())));
  }

  @PostMapping("/api/campaigns/{campaignId}/stop")
  @Audited(action = "campaign.stop", target = "CAMPAIGN")
  public ResponseEntity<CampaignView> stop(
      @PathVariable final String campaignId,
      @RequestBody(required = false) final StopRequest request) {
    AuditRecord.current().target(campaignId, null);
    final Campaign campaign =
        campaigns.requestStop(
            CurrentActor.get(), campaignId, request == null ? null : request.reason());
    AuditRecord.current().target(campaignId, campaign.shopId());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(CampaignView.of(campaign));
  }

  /** Sales during the campaign against the same span before it, and the subsidy spent. */
  @GetMapping("/api/reports/campaigns/{campaignId}")
  public CampaignReport report(@PathVariable final String campaignId) {
    return campaigns.report(CurrentActor.get(), campaignId);
  }
}
