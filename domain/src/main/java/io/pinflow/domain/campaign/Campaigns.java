package io.pinflow.domain.campaign;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.campaign.CampaignRepository.Overlap;
import io.pinflow.domain.campaign.CampaignRepository.Sales;
import io.pinflow.domain.catalog.Sku;
import io.pinflow.domain.catalog.SkuRepository;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.stock.Reservation;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import io.pinflow.domain.stock.StockLevel;
import io.pinflow.domain.stock.StockOwner;
import io.pinflow.domain.stock.StockPush;
import io.pinflow.domain.stock.StockPushState;
import io.pinflow.domain.timeline.Timeline;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Campaigns: intake, the steps of the approval process from checks to the report, and queries
 * within the caller's shops. Every step lands on the campaign's timeline.
 */
public class Campaigns {

  public static final String BUSINESS_TYPE = "CAMPAIGN";

  private static final List<CampaignStatus> BEFORE_START =
      List.of(
          CampaignStatus.SUBMITTED,
          CampaignStatus.IN_APPROVAL,
          CampaignStatus.REJECTED,
          CampaignStatus.SCHEDULED);

  private final CampaignRepository campaigns;
  private final SkuRepository skus;
  private final ShopRepository shops;
  private final StockLedger stock;
  private final StockPush stockPush;
  private final Timeline timeline;
  private final Outbox outbox;
  private final Settings settings;
  private final Clock clock;

  /** The longest a campaign may run; how long a message waits for its process. */
  public record Settings(Duration longest, Duration messageTimeToLive) {}

  public record Intake(Campaign campaign, boolean created) {}

  /** What the checks found, with the routing's inputs and the plan's current times. */
  public record Check(
      List<String> problems,
      BigDecimal discountDepthPercent,
      long totalSubsidyFen,
      int belowCostItems,
      Instant startTime,
      Instant endTime) {}

  public Campaigns(
      final CampaignRepository campaigns,
      final SkuRepository skus,
      final ShopRepository shops,
      final StockLedger stock,
      final StockPush stockPush,
      final Timeline timeline,
      final Outbox outbox,
      final Settings settings,
      final Clock clock) {
    this.campaigns = campaigns;
    this.skus = skus;
    this.shops = shops;
    this.stock = stock;
    this.stockPush = stockPush;
    this.timeline = timeline;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  public static StockOwner owner(final String campaignId) {
    return new StockOwner(StockOwner.Type.CAMPAIGN, campaignId);
  }

  // ---- intake and changes through the API

  /**
   * Takes a campaign in and starts its approval. With an idempotency key, the same plan again
   * returns the campaign taken first, and a different plan under that key is refused.
   */
  @Transactional
  public Intake submit(final Actor actor, final NewCampaign plan, final String idempotencyKey) {
    final List<FieldError> errors = new ArrayList<>(shapeErrors(actor, plan));
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
      errors.add(new FieldError("Idempotency-Key", "1-100 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    if (idempotencyKey != null) {
      final Optional<Campaign> earlier =
          campaigns.findByIdempotencyKey(plan.shopId(), idempotencyKey);
      if (earlier.isPresent()) {
        return repeated(earlier.get(), plan, idempotencyKey);
      }
    }
    final Instant now = clock.instant();
    final Campaign campaign =
        new Campaign(
            "C-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
            plan.shopId(),
            plan.name().strip(),
            plan.startTime(),
            plan.endTime(),
            CampaignStatus.SUBMITTED,
            actor.name(),
            1,
            List.of(),
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            now,
            null,
            null,
            now,
            plan.items().stream()
                .map(
                    i ->
                        CampaignItem.requested(
                            i.outerSkuId(), i.activityPriceFen(), i.quantity(), i.perBuyerLimit()))
                .toList(),
            List.of());
    if (!campaigns.insert(campaign, idempotencyKey)) {
      return repeated(
          campaigns.findByIdempotencyKey(plan.shopId(), idempotencyKey).orElseThrow(),
          plan,
          idempotencyKey);
    }
    record(
        campaign.campaignId(),
        "CAMPAIGN_SUBMITTED",
        campaign.name()
            + ": "
            + campaign.items().size()
            + " SKU(s), "
            + campaign.startTime()
            + " to "
            + campaign.endTime(),
        actor.name());
    publish(MessageNames.CAMPAIGN_SUBMITTED, campaign.campaignId(), processVariables(campaign));
    return new Intake(find(campaign.campaignId()), true);
  }

  /** What the campaign-approval process starts with. */
  public Map<String, Object> processVariables(final Campaign campaign) {
    final Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("campaignId", campaign.campaignId());
    variables.put("businessKey", campaign.campaignId());
    variables.put("shopId", campaign.shopId());
    variables.put("submittedBy", campaign.submittedBy());
    variables.put("startTime", campaign.startTime().toString());
    variables.put("endTime", campaign.endTime().toString());
    return variables;
  }

  private List<FieldError> shapeErrors(final Actor actor, final NewCampaign plan) {
    final List<FieldError> errors =
        new ArrayList<>(plan.shapeErrors(clock.instant(), settings.longest()));
    if (plan.shopId() != null && !plan.shopId().isBlank()) {
      if (!actor.shops().allows(plan.shopId()) || shops.find(plan.shopId()).isEmpty()) {
        errors.add(new FieldError("shopId", "unknown shop"));
      }
    }
    return errors;
  }

  private static Intake repeated(final Campaign earlier, final NewCampaign plan, final String key) {
    if (earlier.samePlanAs(plan)) {
      return new Intake(earlier, false);
    }
    throw new ConflictException(
        "idempotency-key-reused",
        "Idempotency-Key "
            + key
            + " was used for campaign "
            + earlier.campaignId()
            + " with a different plan");
  }

  public Campaign get(final Actor actor, final String campaignId) {
    return campaigns
        .find(campaignId)
        .filter(c -> actor.shops().allows(c.shopId()))
        .orElseThrow(() -> new NotFoundException("campaign", campaignId));
  }

  public Campaign find(final String campaignId) {
    return campaigns
        .find(campaignId)
        .orElseThrow(() -> new NotFoundException("campaign", campaignId));
  }

  public Page<Campaign> list(final CampaignQuery query) {
    return campaigns.list(query);
  }

  /** Ids of the campaigns not closed yet. */
  public List<String> unfinished() {
    return campaigns.unfinished();
  }

  /**
   * Replaces the plan of a campaign sent back for revision; the submitter's revise task then
   * resubmits it, and the checks and the approval chain run again.
   */
  @Transactional
  public Campaign revise(final Actor actor, final String campaignId, final NewCampaign content) {
    final Campaign campaign = get(actor, campaignId);
    final NewCampaign plan =
        new NewCampaign(
            campaign.shopId(),
            content.name(),
            content.startTime(),
            content.endTime(),
            content.items());
    final List<FieldError> errors = shapeErrors(actor, plan);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    if (campaign.status() != CampaignStatus.REJECTED) {
      throw new ConflictException(
          "campaign-not-editable",
          "campaign "
              + campaignId
              + " is "
              + campaign.status()
              + ": only a REJECTED campaign can be revised");
    }
    campaigns.replacePlan(campaignId, plan, clock.instant());
    record(campaignId, "CAMPAIGN_REVISED", "plan replaced", actor.name());
    return find(campaignId);
  }

  /**
   * Asks the campaign's process to stop it: an active campaign ends early (cancelled on PDD, its
   * stock released, its report stored), one not started yet is cancelled. Asking again changes
   * nothing; a closed campaign answers with a conflict.
   */
  @Transactional
  public Campaign requestStop(final Actor actor, final String campaignId, final String reason) {
    final Campaign campaign = get(actor, campaignId);
    if (!campaign.status().isOpen()) {
      throw new ConflictException(
          "campaign-closed", "campaign " + campaignId + " is " + campaign.status() + " already");
    }
    if (campaigns.markStopRequested(campaignId, clock.instant())) {
      final String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
      record(campaignId, "STOP_REQUESTED", why, actor.name());
      publish(
          MessageNames.CAMPAIGN_STOP_REQUESTED,
          campaignId,
          Map.of("stopReason", why.length() > 500 ? why.substring(0, 500) : why));
    }
    return find(campaignId);
  }

  /**
   * The campaign's report: stored once it ended; while it runs, the figures so far; before it ran
   * (or when it never did), the planned span with the sales of the same span before it as the
   * baseline.
   */
  public CampaignReport report(final Actor actor, final String campaignId) {
    final Campaign campaign = get(actor, campaignId);
    if (campaign.reportedAt() != null) {
      return report(
          campaign,
          campaign.reportFrom(),
          campaign.reportTo(),
          campaign.reportedAt(),
          campaigns.reportLines(campaignId));
    }
    final boolean running = campaign.status() == CampaignStatus.ACTIVE;
    final Instant from = running ? campaign.activatedAt() : campaign.startTime();
    final Instant to = running ? clock.instant() : campaign.endTime();
    final Map<String, Integer> held = running ? stock.held(owner(campaignId)) : Map.of();
    final Map<String, Sales> during = sales(campaign, from, to);
    final Map<String, Sales> before = sales(campaign, spanBefore(from, to), from);
    final List<CampaignReport.Line> lines = new ArrayList<>();
    for (final CampaignItem item : campaign.items()) {
      final int reserved = running && item.reservedQuantity() != null ? item.reservedQuantity() : 0;
      final int sold = Math.max(0, reserved - held.getOrDefault(item.outerSkuId(), 0));
      lines.add(line(item, during, before, reserved, sold));
    }
    return report(campaign, from, to, null, lines);
  }

  private static CampaignReport.Line line(
      final CampaignItem item,
      final Map<String, Sales> during,
      final Map<String, Sales> before,
      final int reserved,
      final int sold) {
    final Sales now = during.getOrDefault(item.outerSkuId(), Sales.NONE);
    final Sales then = before.getOrDefault(item.outerSkuId(), Sales.NONE);
    return new CampaignReport.Line(
        item.outerSkuId(),
        now.units(),
        now.revenueFen(),
        then.units(),
        then.revenueFen(),
        reserved,
        sold,
        sold * item.subsidyPerUnitFen());
  }

  private static CampaignReport report(
      final Campaign campaign,
      final Instant from,
      final Instant to,
      final Instant reportedAt,
      final List<CampaignReport.Line> lines) {
    return new CampaignReport(
        campaign.campaignId(),
        campaign.shopId(),
        campaign.name(),
        campaign.status(),
        campaign.stoppedEarly(),
        from,
        to,
        spanBefore(from, to),
        from,
        lines.stream().mapToLong(CampaignReport.Line::unitsDuring).sum(),
        lines.stream().mapToLong(CampaignReport.Line::revenueDuringFen).sum(),
        lines.stream().mapToLong(CampaignReport.Line::unitsBefore).sum(),
        lines.stream().mapToLong(CampaignReport.Line::revenueBeforeFen).sum(),
        lines.stream().mapToLong(CampaignReport.Line::campaignUnits).sum(),
        lines.stream().mapToLong(CampaignReport.Line::subsidyFen).sum(),
        reportedAt,
        lines);
  }

  /** The start of the span of the same length right before {@code from}. */
  private static Instant spanBefore(final Instant from, final Instant to) {
    return from.minus(Duration.between(from, to));
  }

  private Map<String, Sales> sales(final Campaign campaign, final Instant from, final Instant to) {
    return campaigns.sales(
        campaign.shopId(),
        campaign.items().stream().map(CampaignItem::outerSkuId).toList(),
        from,
        to);
  }

  // ---- steps of the approval process

  /**
   * Checks the plan against the catalogue, the shop's listings, stock and other campaigns, and
   * works out the routing's inputs: the deepest discount, the subsidy at full quantity and the
   * items sold at or below cost (or with no known cost).
   */
  @Transactional
  public Check check(final String campaignId) {
    final Campaign campaign = find(campaignId);
    final List<String> ids = campaign.items().stream().map(CampaignItem::outerSkuId).toList();
    final Map<String, Sku> known =
        skus.findAll(ids).stream().collect(Collectors.toMap(Sku::outerSkuId, Function.identity()));
    final Map<String, StockLevel> levels =
        stock.levels(ids).stream()
            .collect(Collectors.toMap(StockLevel::outerSkuId, Function.identity()));
    final Instant now = clock.instant();
    final List<String> problems = new ArrayList<>();
    if (!campaign.startTime().isAfter(now)) {
      problems.add("the start time " + campaign.startTime() + " has passed: choose new times");
    }
    final List<CampaignItem> checked = new ArrayList<>();
    BigDecimal deepest = BigDecimal.ZERO;
    long subsidy = 0;
    int belowCost = 0;
    for (final CampaignItem item : campaign.items()) {
      final String sku = item.outerSkuId();
      final Sku master = known.get(sku);
      final Long goodsId = listedGoods(campaign.shopId(), sku);
      if (master == null) {
        problems.add("SKU " + sku + " is not in the catalogue: import it from the ERP first");
      } else if (goodsId == null) {
        problems.add("SKU " + sku + " is not on sale on shop " + campaign.shopId());
      }
      final Long regular = master == null ? null : master.priceFen();
      if (master != null && (regular == null || regular <= 0)) {
        problems.add("SKU " + sku + " has no regular price in the catalogue");
      } else if (regular != null && item.activityPriceFen() >= regular) {
        problems.add(
            "SKU "
                + sku
                + ": activity price "
                + item.activityPriceFen()
                + " fen is not below the regular price "
                + regular
                + " fen");
      }
      final int available = levels.containsKey(sku) ? levels.get(sku).available() : 0;
      if (master != null && available < item.quantity()) {
        problems.add(
            "SKU "
                + sku
                + ": "
                + item.quantity()
                + " wanted for the campaign, "
                + available
                + " available");
      }
      final CampaignItem seen =
          new CampaignItem(
              sku,
              item.activityPriceFen(),
              item.quantity(),
              item.perBuyerLimit(),
              regular,
              master == null ? null : master.costFen(),
              goodsId,
              item.pddActivityId(),
              item.reservedQuantity(),
              item.remainingQuantity());
      checked.add(seen);
      if (regular != null && regular > 0) {
        deepest =
            deepest.max(
                BigDecimal.valueOf(seen.subsidyPerUnitFen() * 100)
                    .divide(BigDecimal.valueOf(regular), 2, RoundingMode.HALF_UP));
      }
      subsidy += seen.subsidyPerUnitFen() * item.quantity();
      belowCost += seen.belowCost() ? 1 : 0;
    }
    for (final Overlap overlap :
        campaigns.overlapping(
            campaignId,
            campaign.shopId(),
            ids,
            campaign.startTime(),
            campaign.endTime(),
            CampaignStatus.COMPETING)) {
      problems.add(
          "SKU "
              + overlap.outerSkuId()
              + " is in campaign "
              + overlap.campaignId()
              + " ("
              + overlap.status()
              + ") at the same time");
    }
    campaigns.recordChecks(campaignId, checked, problems, deepest, subsidy, belowCost, now);
    record(
        campaignId,
        problems.isEmpty() ? "CAMPAIGN_CHECKED" : "CAMPAIGN_CHECK_FAILED",
        problems.isEmpty()
            ? "deepest discount "
                + deepest.toPlainString()
                + "%, subsidy "
                + subsidy
                + " fen, "
                + belowCost
                + " item(s) at or below cost"
            : String.join("; ", problems),
        Timeline.SYSTEM);
    return new Check(
        problems, deepest, subsidy, belowCost, campaign.startTime(), campaign.endTime());
  }

  private Long listedGoods(final String shopId, final String outerSkuId) {
    return stockPush.ofSku(outerSkuId).stream()
        .filter(state -> state.shopId().equals(shopId))
        .map(StockPushState::goodsId)
        .findFirst()
        .orElse(null);
  }

  @Transactional
  public void recordRouting(
      final String campaignId, final List<String> approvers, final String rule) {
    final Instant now = clock.instant();
    campaigns.recordRouting(campaignId, approvers, rule, now);
    if (campaigns.moveTo(
        campaignId, List.of(CampaignStatus.SUBMITTED), CampaignStatus.IN_APPROVAL, now)) {
      record(
          campaignId,
          "APPROVAL_ROUTED",
          String.join(" → ", approvers) + (rule == null ? "" : " (" + rule + ")"),
          "approval routing");
    }
  }

  /** One approver's decision; a repeated delivery of the same step changes nothing. */
  @Transactional
  public void recordApproval(
      final String campaignId,
      final int step,
      final String role,
      final String decision,
      final String comment,
      final String decidedBy) {
    final Campaign campaign = find(campaignId);
    final String by = decidedBy == null || decidedBy.isBlank() ? role : decidedBy;
    final String note = comment == null || comment.isBlank() ? null : comment.strip();
    if (campaigns.recordApproval(
        campaignId,
        new CampaignApproval(campaign.round(), step, role, decision, note, by, clock.instant()))) {
      record(
          campaignId,
          "REJECT".equals(decision) ? "APPROVAL_REJECTED" : "APPROVAL_GRANTED",
          role
              + " step "
              + step
              + " of "
              + campaign.approvers().size()
              + (note == null ? "" : ": " + note),
          by);
    }
  }

  /** Back to the submitter: the checks' problems, or the approver's reason for rejecting. */
  @Transactional
  public String requestRevision(final String campaignId) {
    final Campaign campaign = find(campaignId);
    final String reason =
        campaign.approvals().stream()
            .filter(a -> a.round() == campaign.round() && "REJECT".equals(a.decision()))
            .reduce((first, second) -> second)
            .map(
                a ->
                    "rejected by "
                        + a.role()
                        + " ("
                        + a.decidedBy()
                        + ")"
                        + (a.comment() == null ? "" : ": " + a.comment()))
            .orElse(String.join("; ", campaign.problems()));
    if (campaigns.requestRevision(
        campaignId,
        List.of(CampaignStatus.SUBMITTED, CampaignStatus.IN_APPROVAL),
        truncate(reason),
        clock.instant())) {
      record(campaignId, "REVISION_REQUESTED", reason, Timeline.SYSTEM);
    }
    return reason;
  }

  /** The submitter resubmits: a new round of checks and approvals. */
  @Transactional
  public Campaign resubmit(final String campaignId, final String note, final String by) {
    if (campaigns.resubmit(campaignId, clock.instant())) {
      record(
          campaignId,
          "CAMPAIGN_RESUBMITTED",
          note == null || note.isBlank() ? "resubmitted" : note,
          by == null ? "ops" : by);
    }
    return find(campaignId);
  }

  @Transactional
  public void withdraw(final String campaignId, final String note, final String by) {
    final String why = note == null || note.isBlank() ? "withdrawn" : note;
    if (campaigns.close(
        campaignId, CampaignStatus.WITHDRAWN, false, truncate(why), Map.of(), clock.instant())) {
      record(campaignId, "CAMPAIGN_WITHDRAWN", why, by == null ? "ops" : by);
    }
  }

  @Transactional
  public void schedule(final String campaignId) {
    final Campaign campaign = find(campaignId);
    if (campaigns.moveTo(
        campaignId,
        List.of(CampaignStatus.IN_APPROVAL),
        CampaignStatus.SCHEDULED,
        clock.instant())) {
      record(
          campaignId,
          "CAMPAIGN_SCHEDULED",
          "approved by "
              + String.join(", ", campaign.approvers())
              + "; starts "
              + campaign.startTime(),
          Timeline.SYSTEM);
    }
  }

  /**
   * Holds the campaign quantity of every SKU in the stock ledger, all or nothing. Orders of the
   * shop draw those SKUs from this reservation while the campaign is active.
   */
  public Reservation reserveStock(final String campaignId) {
    final Campaign campaign = find(campaignId);
    final Reservation reservation =
        stock.reserve(
            owner(campaignId),
            campaign.items().stream()
                .map(i -> new StockDemand(i.outerSkuId(), i.quantity()))
                .toList());
    switch (reservation) {
      case Reservation.Reserved reserved -> {
        if (!reserved.alreadyHeld()) {
          campaigns.recordReserved(
              campaignId,
              campaign.items().stream()
                  .collect(Collectors.toMap(CampaignItem::outerSkuId, CampaignItem::quantity)),
              clock.instant());
          record(
              campaignId,
              "STOCK_RESERVED",
              campaign.items().stream()
                  .map(i -> i.quantity() + " × " + i.outerSkuId())
                  .collect(Collectors.joining(", ")),
              Timeline.SYSTEM);
        }
      }
      case Reservation.Short shortage ->
          record(
              campaignId,
              "STOCK_SHORT",
              shortage.shortages().stream()
                  .map(s -> s.outerSkuId() + " " + s.available() + " of " + s.requested())
                  .collect(Collectors.joining(", ")),
              Timeline.SYSTEM);
      case Reservation.Closed closed -> {
        // released before (the campaign was cancelled meanwhile): nothing to hold
      }
    }
    return reservation;
  }

  /** The platform's activity for a goods' items; recorded as soon as the platform answers. */
  @Transactional
  public void activityCreated(final String campaignId, final long goodsId, final long activityId) {
    campaigns.recordActivity(campaignId, goodsId, activityId, clock.instant());
    record(
        campaignId,
        "PDD_ACTIVITY_CREATED",
        "activity " + activityId + " for goods " + goodsId,
        "pdd");
  }

  /** Running on PDD: from now on the SKUs' stock on PDD includes what the campaign holds. */
  @Transactional
  public void activated(final String campaignId) {
    final Campaign campaign = find(campaignId);
    if (campaigns.activate(campaignId, clock.instant())) {
      stockPush.availableChanged(skusOf(campaign), false);
      record(campaignId, "CAMPAIGN_ACTIVE", "running until " + campaign.endTime(), Timeline.SYSTEM);
    }
  }

  /**
   * Ends the campaign (at its end time, or stopped early): notes what it still held, releases that,
   * and stores its report. The platform's activities are cancelled before this.
   */
  @Transactional
  public void end(final String campaignId, final boolean stoppedEarly) {
    final Campaign campaign = find(campaignId);
    if (!campaign.status().isOpen()) {
      return;
    }
    final Instant now = clock.instant();
    final Map<String, Integer> remaining = new LinkedHashMap<>(stock.held(owner(campaignId)));
    for (final CampaignItem item : campaign.items()) {
      remaining.putIfAbsent(item.outerSkuId(), 0);
    }
    stock.release(owner(campaignId));
    final String reason = stoppedEarly ? "stopped early" : "ended at its end time";
    campaigns.close(campaignId, CampaignStatus.ENDED, stoppedEarly, reason, remaining, now);
    stockPush.availableChanged(skusOf(campaign), true);
    final Instant from = campaign.activatedAt() == null ? now : campaign.activatedAt();
    campaigns.recordReport(
        campaignId,
        from,
        now,
        sales(campaign, from, now),
        sales(campaign, spanBefore(from, now), from),
        now);
    final List<CampaignReport.Line> lines = campaigns.reportLines(campaignId);
    final CampaignReport report = report(find(campaignId), from, now, now, lines);
    record(
        campaignId,
        "CAMPAIGN_ENDED",
        reason
            + ": "
            + report.campaignUnits()
            + " unit(s) sold through the campaign, revenue "
            + report.revenueDuringFen()
            + " fen (before: "
            + report.revenueBeforeFen()
            + " fen), subsidy "
            + report.subsidyFen()
            + " fen",
        Timeline.SYSTEM);
  }

  /** Cancels a campaign that has not started (or could not): anything it held goes back. */
  @Transactional
  public void cancel(final String campaignId, final String reason) {
    final Campaign campaign = find(campaignId);
    if (!campaign.status().isOpen()) {
      return;
    }
    final String why = reason == null || reason.isBlank() ? "cancelled" : reason;
    stock.release(owner(campaignId));
    if (campaigns.close(
        campaignId, CampaignStatus.CANCELLED, false, truncate(why), Map.of(), clock.instant())) {
      stockPush.availableChanged(skusOf(campaign), true);
      record(campaignId, "CAMPAIGN_CANCELLED", why, Timeline.SYSTEM);
    }
  }

  /**
   * The stop the API asked for: an active campaign ends early with its report, one that has not
   * started is cancelled. The platform's activities are cancelled before this.
   */
  @Transactional
  public void stop(final String campaignId, final String reason) {
    final Campaign campaign = find(campaignId);
    if (campaign.status() == CampaignStatus.ACTIVE) {
      end(campaignId, true);
    } else if (BEFORE_START.contains(campaign.status())) {
      cancel(campaignId, "stopped before it started" + (reason == null ? "" : ": " + reason));
    }
  }

  private static List<String> skusOf(final Campaign campaign) {
    return campaign.items().stream().map(CampaignItem::outerSkuId).toList();
  }

  private static String truncate(final String text) {
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }

  private void publish(
      final String name, final String campaignId, final Map<String, Object> variables) {
    outbox.add(
        new OutboxMessage(
            name, campaignId, name + ":" + campaignId, variables, settings.messageTimeToLive()));
  }

  private void record(
      final String campaignId, final String type, final String detail, final String actor) {
    timeline.record(BUSINESS_TYPE, campaignId, null, type, detail, actor);
  }
}
