package io.pinflow.workers.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pinflow.domain.campaign.Campaign;
import io.pinflow.domain.campaign.CampaignApproval;
import io.pinflow.domain.campaign.CampaignStatus;
import io.pinflow.domain.campaign.Campaigns;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.task.UserTask;
import io.pinflow.domain.timeline.Timeline;
import io.pinflow.domain.timeline.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;

/** Where a campaign's process starts again, from what the database holds about it. */
class CampaignRedrivePlannerTest {

  private static final String ID = "C-1";
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant ROUTED = NOW.minus(Duration.ofHours(2));

  private final Campaigns campaigns = mock(Campaigns.class);
  private final TaskInbox inbox = mock(TaskInbox.class);
  private final Timeline timeline = mock(Timeline.class);
  private final CampaignRedrivePlanner planner =
      new CampaignRedrivePlanner(campaigns, inbox, timeline);

  private RedrivePlan plan(final Campaign campaign) {
    when(campaigns.find(ID)).thenReturn(campaign);
    when(campaigns.processVariables(ArgumentMatchers.any()))
        .thenReturn(Map.of("campaignId", ID, "submittedBy", "ops.zhang"));
    return planner.plan(ID).orElseThrow();
  }

  @Test
  void aChainApprovedHalfwayGoesOnWithTheApproversLeftAndTheirStepNumbers() {
    final RedrivePlan plan =
        plan(
            campaign(
                CampaignStatus.IN_APPROVAL, List.of(approval(1, "OPS_LEAD", "APPROVE")), null));

    assertThat(plan.startBefore()).containsExactly("SubProcessApprovals");
    assertThat(plan.variables())
        .containsEntry("routing", Map.of("approvers", List.of("FINANCE"), "rule", "finance-review"))
        .containsEntry("approvalStepOffset", 1);
    verify(campaigns, never())
        .recordApproval(
            ArgumentMatchers.any(),
            ArgumentMatchers.anyInt(),
            ArgumentMatchers.any(),
            ArgumentMatchers.any(),
            ArgumentMatchers.any(),
            ArgumentMatchers.any());
  }

  @Test
  void anApprovalTheEngineTookButTheDatabaseDoesNotShowIsRecordedNotAskedAgain() {
    final Campaign halfway =
        campaign(CampaignStatus.IN_APPROVAL, List.of(approval(1, "OPS_LEAD", "APPROVE")), null);
    final Campaign approved =
        campaign(
            CampaignStatus.IN_APPROVAL,
            List.of(approval(1, "OPS_LEAD", "APPROVE"), approval(2, "FINANCE", "APPROVE")),
            null);
    when(inbox.decisions(ID))
        .thenReturn(
            List.of(
                new TaskDecision(
                    "t-2",
                    "campaign-approval",
                    "UserTaskApprove",
                    UserTask.Status.COMPLETED,
                    NOW.minusSeconds(60),
                    NOW.minusSeconds(5),
                    "fang",
                    Map.of("decision", "APPROVE", "comment", "within budget"))));
    when(campaigns.find(ID)).thenReturn(halfway, approved);
    when(campaigns.processVariables(ArgumentMatchers.any())).thenReturn(Map.of("campaignId", ID));

    final RedrivePlan plan = planner.plan(ID).orElseThrow();

    verify(campaigns).recordApproval(ID, 2, "FINANCE", "APPROVE", "within budget", "fang");
    assertThat(plan.startBefore()).containsExactly("TaskSchedule");
  }

  @Test
  void aStopRequestedIsCarriedOutWithItsReasonWhereverTheCampaignStood() {
    when(timeline.of(Campaigns.BUSINESS_TYPE, ID))
        .thenReturn(
            List.of(
                new TimelineEvent(
                    1L, "CAMPAIGN", ID, null, NOW, "STOP_REQUESTED", "budget cut", "ops.zhang")));

    final RedrivePlan plan = plan(campaign(CampaignStatus.ACTIVE, List.of(), NOW));

    assertThat(plan.startBefore()).containsExactly("TaskStop");
    assertThat(plan.variables()).containsEntry("stopReason", "budget cut");
    assertThat(plan.supersededMessageNames()).containsExactly("campaign-stop-requested");
  }

  @Test
  void anActiveCampaignWaitsForItsEnd() {
    assertThat(plan(campaign(CampaignStatus.ACTIVE, List.of(), null)).startBefore())
        .containsExactly("TimerEnd");
  }

  private static CampaignApproval approval(
      final int step, final String role, final String decision) {
    return new CampaignApproval(
        1, step, role, decision, null, role.toLowerCase(), ROUTED.plusSeconds(step * 60L));
  }

  private static Campaign campaign(
      final CampaignStatus status,
      final List<CampaignApproval> approvals,
      final Instant stopRequestedAt) {
    return new Campaign(
        ID,
        "demo-shop",
        "Double 12",
        NOW.plus(Duration.ofDays(2)),
        NOW.plus(Duration.ofDays(3)),
        status,
        "ops.zhang",
        1,
        List.of(),
        new java.math.BigDecimal("20.00"),
        5000L,
        0,
        List.of("OPS_LEAD", "FINANCE"),
        "finance-review",
        null,
        stopRequestedAt,
        false,
        null,
        null,
        null,
        null,
        ROUTED.minusSeconds(60),
        null,
        null,
        ROUTED,
        List.of(),
        approvals);
  }
}
