package io.pinflow.workers.redrive;

import io.pinflow.domain.campaign.Campaign;
import io.pinflow.domain.campaign.CampaignApproval;
import io.pinflow.domain.campaign.CampaignStatus;
import io.pinflow.domain.campaign.Campaigns;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.timeline.Timeline;
import io.pinflow.domain.timeline.TimelineEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code campaign-approval} from the campaign's stored state. The start and end timers come back
 * from the campaign's times (one that passed fires at once). An approval chain goes on with the
 * approvers who have not decided in the current round; its steps keep their numbers ({@code
 * approvalStepOffset}).
 *
 * <table>
 *   <caption>Campaign status → where the process starts again</caption>
 *   <tr><th>Status (and what else is stored)</th><th>Step</th></tr>
 *   <tr><td>any, stop requested</td><td>TaskStop</td></tr>
 *   <tr><td>SUBMITTED</td><td>TaskCheck</td></tr>
 *   <tr><td>IN_APPROVAL, a rejection in this round</td><td>TaskRequestRevision</td></tr>
 *   <tr><td>IN_APPROVAL, every approver approved</td><td>TaskSchedule</td></tr>
 *   <tr><td>IN_APPROVAL</td><td>SubProcessApprovals with the remaining approvers</td></tr>
 *   <tr><td>REJECTED, revision decided</td><td>TaskResubmit or TaskWithdraw</td></tr>
 *   <tr><td>REJECTED</td><td>UserTaskRevise</td></tr>
 *   <tr><td>SCHEDULED, ops decided to cancel for lack of stock</td><td>TaskCancel</td></tr>
 *   <tr><td>SCHEDULED</td><td>TimerStart (stock reservation and activation are idempotent)</td>
 *   </tr>
 *   <tr><td>ACTIVE</td><td>TimerEnd</td></tr>
 * </table>
 */
@Component
class CampaignRedrivePlanner implements RedrivePlanner {

  static final String PROCESS = "campaign-approval";
  static final String APPROVE_TASK = "UserTaskApprove";
  static final String REVISE_TASK = "UserTaskRevise";
  static final String STOCK_SHORT_TASK = "UserTaskStockShort";

  private final Campaigns campaigns;
  private final TaskInbox inbox;
  private final Timeline timeline;

  CampaignRedrivePlanner(
      final Campaigns campaigns, final TaskInbox inbox, final Timeline timeline) {
    this.campaigns = campaigns;
    this.inbox = inbox;
    this.timeline = timeline;
  }

  @Override
  public String businessType() {
    return Campaigns.BUSINESS_TYPE;
  }

  @Override
  public List<String> unfinished() {
    return campaigns.unfinished();
  }

  @Override
  public Optional<RedrivePlan> plan(final String campaignId) {
    Campaign campaign = campaigns.find(campaignId);
    if (!campaign.status().isOpen()) {
      return Optional.empty();
    }
    final Decisions decisions = new Decisions(inbox.decisions(campaignId));
    if (campaign.status() == CampaignStatus.IN_APPROVAL && campaign.stopRequestedAt() == null) {
      campaign = catchUpApproval(campaign, decisions);
    }
    final Plans plan =
        new Plans(
                businessType(),
                campaignId,
                null,
                campaign.shopId(),
                PROCESS,
                campaigns.processVariables(campaign))
            .supersedes(MessageNames.CAMPAIGN_SUBMITTED + ":" + campaignId)
            .put("problems", campaign.problems())
            .put("discountDepthPercent", campaign.discountDepthPercent())
            .put("totalSubsidyFen", campaign.totalSubsidyFen())
            .put("belowCostItems", campaign.belowCostItems())
            .put("revisionReason", campaign.revisionReason());
    if (campaign.stopRequestedAt() != null) {
      plan.put("stopReason", latestDetail(campaignId, "STOP_REQUESTED"))
          .supersedesAll(MessageNames.CAMPAIGN_STOP_REQUESTED)
          .startBefore("TaskStop", "stop requested: stopping");
      return plan.plan();
    }
    switch (campaign.status()) {
      case SUBMITTED -> plan.startBefore("TaskCheck", "submitted: checking");
      case IN_APPROVAL -> inApproval(plan, campaign);
      case REJECTED -> rejected(plan, campaign, decisions);
      case SCHEDULED -> {
        final Optional<TaskDecision> shortDecision =
            decisions.decidedAfter(STOCK_SHORT_TASK, campaign.updatedAt());
        if (shortDecision.isPresent() && "CANCEL".equals(shortDecision.get().text("decision"))) {
          plan.put("stockReserved", false)
              .put("stockDecision", "CANCEL")
              .put("stockDecidedBy", shortDecision.get().completedBy())
              .startBefore("TaskCancel", "stock short: ops decided to cancel");
        } else {
          plan.startBefore("TimerStart", "scheduled: waiting for the start time");
        }
      }
      case ACTIVE ->
          plan.put("stockReserved", true).startBefore("TimerEnd", "active: waiting for the end");
      default -> throw new IllegalStateException("closed campaign " + campaignId);
    }
    return plan.plan();
  }

  /**
   * An approver whose decision the engine took before it stopped, but whose step the database does
   * not show yet, is not asked again: the decision is recorded as the process would have.
   */
  private Campaign catchUpApproval(final Campaign campaign, final Decisions decisions) {
    final List<CampaignApproval> round = approvalsOfRound(campaign);
    if (round.size() >= campaign.approvers().size()
        || round.stream().anyMatch(a -> "REJECT".equals(a.decision()))) {
      return campaign;
    }
    final Instant since =
        round.stream()
            .map(CampaignApproval::decidedAt)
            .max(Comparator.naturalOrder())
            .filter(at -> at.isAfter(campaign.updatedAt()))
            .orElse(campaign.updatedAt());
    final Optional<TaskDecision> decided = decisions.decidedAfter(APPROVE_TASK, since);
    if (decided.isEmpty()) {
      return campaign;
    }
    campaigns.recordApproval(
        campaign.campaignId(),
        round.size() + 1,
        campaign.approvers().get(round.size()),
        decided.get().text("decision"),
        decided.get().text("comment"),
        decided.get().completedBy());
    return campaigns.find(campaign.campaignId());
  }

  private static List<CampaignApproval> approvalsOfRound(final Campaign campaign) {
    return campaign.approvals().stream()
        .filter(a -> a.round() == campaign.round())
        .sorted(Comparator.comparingInt(CampaignApproval::step))
        .toList();
  }

  private static void inApproval(final Plans plan, final Campaign campaign) {
    final List<CampaignApproval> round = approvalsOfRound(campaign);
    final Optional<CampaignApproval> rejected =
        round.stream().filter(a -> "REJECT".equals(a.decision())).findFirst();
    final Map<String, Object> routing = new LinkedHashMap<>();
    routing.put("approvers", campaign.approvers());
    routing.put("rule", campaign.routingRule() == null ? "" : campaign.routingRule());
    if (rejected.isPresent()) {
      plan.put("routing", routing)
          .put("approvalDecision", "REJECT")
          .put("approvalComment", rejected.get().comment())
          .put("completedBy", rejected.get().decidedBy())
          .startBefore("TaskRequestRevision", "rejected in approval: back to the submitter");
      return;
    }
    if (round.size() >= campaign.approvers().size()) {
      plan.put("routing", routing)
          .put("approvalDecision", "APPROVE")
          .startBefore("TaskSchedule", "approved by every approver: scheduling");
      return;
    }
    routing.put(
        "approvers", campaign.approvers().subList(round.size(), campaign.approvers().size()));
    plan.put("routing", routing)
        .put("approvalStepOffset", round.size())
        .startBefore(
            "SubProcessApprovals",
            "in approval: "
                + String.join(
                    " → ", campaign.approvers().subList(round.size(), campaign.approvers().size()))
                + " still to decide");
  }

  private static void rejected(
      final Plans plan, final Campaign campaign, final Decisions decisions) {
    final Optional<TaskDecision> revision =
        decisions.decidedAfter(REVISE_TASK, campaign.updatedAt());
    if (revision.isEmpty()) {
      plan.startBefore("UserTaskRevise", "sent back: waiting for the submitter's revision");
      return;
    }
    plan.put("revisionDecision", revision.get().text("decision"))
        .put("revisionNote", revision.get().text("comment"))
        .put("revisedBy", revision.get().completedBy());
    if ("WITHDRAW".equals(revision.get().text("decision"))) {
      plan.startBefore("TaskWithdraw", "the submitter withdrew it");
    } else {
      plan.startBefore("TaskResubmit", "the submitter resubmitted it");
    }
  }

  private String latestDetail(final String campaignId, final String type) {
    return timeline.of(Campaigns.BUSINESS_TYPE, campaignId).stream()
        .filter(e -> type.equals(e.type()))
        .map(TimelineEvent::detail)
        .reduce((a, b) -> b)
        .orElse(null);
  }
}
