package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.process.test.filters.StreamFilter;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Every path of {@code campaign-approval}. The routing table runs for real; the test plays the
 * workers, the approvers and the submitter in the task inbox and the stop requests, and moves the
 * engine's clock to the campaign's start and end times.
 */
class CampaignApprovalProcessTest extends ProcessTestSupport {

  private static final AtomicLong SERIAL = new AtomicLong(8_000_000);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO_WITH_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final Duration UNTIL_START = Duration.ofDays(2);
  private static final Duration RUNS_FOR = Duration.ofDays(7);
  private static final String SUBMITTER = "ops.zhang";
  private static final List<String> NO_PROBLEMS = List.of();

  /** One campaign under test. */
  private record CampaignCase(String campaignId, String startTime, String endTime) {

    ProcessInstanceAssert instance() {
      return new ProcessInstanceAssert(key(), RecordStream.of(engine.getRecordStreamSource()));
    }

    long key() {
      waitForIdle();
      final RecordStream records = RecordStream.of(engine.getRecordStreamSource());
      return StreamSupport.stream(records.variableRecords().spliterator(), false)
          .filter(v -> v.getValue().getName().equals("campaignId"))
          .filter(v -> v.getValue().getValue().equals("\"" + campaignId + "\""))
          .map(v -> v.getValue().getProcessInstanceKey())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no instance for " + campaignId));
    }

    /** The latest value of {@code name} in the process instance's own (outermost) scope. */
    Object processVariable(final String name) {
      final long key = key();
      final String json =
          StreamSupport.stream(
                  RecordStream.of(engine.getRecordStreamSource()).variableRecords().spliterator(),
                  false)
              .filter(v -> v.getValue().getScopeKey() == key)
              .filter(v -> v.getValue().getName().equals(name))
              .reduce((first, second) -> second)
              .map(v -> v.getValue().getValue())
              .orElseThrow(() -> new AssertionError("no process variable " + name));
      try {
        return JSON.readValue(json, Object.class);
      } catch (final Exception e) {
        throw new AssertionError(e);
      }
    }

    /** How often {@code elementId} was left by termination (interrupted), not completed. */
    long terminated(final String elementId) {
      return StreamFilter.processInstance(RecordStream.of(engine.getRecordStreamSource()))
          .withProcessInstanceKey(key())
          .withElementId(elementId)
          .withIntent(ProcessInstanceIntent.ELEMENT_TERMINATED)
          .stream()
          .count();
    }

    void requestStop() {
      publish("campaign-stop-requested", campaignId, Map.of());
    }
  }

  /**
   * Submits a campaign as the outbox does: message {@code campaign-submitted} keyed by its id. It
   * starts two days from the engine's clock and runs for a week, in China's time zone.
   */
  private static CampaignCase submit() {
    final String campaignId = "CMP-" + SERIAL.incrementAndGet();
    final Instant now = Instant.ofEpochMilli(engine.currentTimeMillis());
    final String startTime =
        ISO_WITH_OFFSET.format(OffsetDateTime.ofInstant(now.plus(UNTIL_START), CHINA));
    final String endTime =
        ISO_WITH_OFFSET.format(
            OffsetDateTime.ofInstant(now.plus(UNTIL_START).plus(RUNS_FOR), CHINA));
    final Map<String, Object> variables = new HashMap<>();
    variables.put("campaignId", campaignId);
    variables.put("businessKey", campaignId);
    variables.put("shopId", "demo-shop");
    variables.put("submittedBy", SUBMITTER);
    variables.put("startTime", startTime);
    variables.put("endTime", endTime);
    publish("campaign-submitted", campaignId, "campaign-submitted:" + campaignId, variables);
    return new CampaignCase(campaignId, startTime, endTime);
  }

  /** The check worker finds nothing wrong and reports the campaign's figures. */
  private static ActivatedJob checked(
      final double discountDepthPercent, final long totalSubsidyFen, final int belowCostItems) {
    final Map<String, Object> result = new HashMap<>();
    result.put("problems", NO_PROBLEMS);
    result.put("discountDepthPercent", discountDepthPercent);
    result.put("totalSubsidyFen", totalSubsidyFen);
    result.put("belowCostItems", belowCostItems);
    return completeJob("pinflow.campaign.check", result);
  }

  private static ActivatedJob checkFailed(final String... problems) {
    final Map<String, Object> result = new HashMap<>();
    result.put("problems", List.of(problems));
    result.put("discountDepthPercent", 12.5);
    result.put("totalSubsidyFen", 80_000L);
    result.put("belowCostItems", 0);
    return completeJob("pinflow.campaign.check", result);
  }

  private static ActivatedJob routingRecorded() {
    return completeJob("pinflow.campaign.record-routing", Map.of());
  }

  /**
   * The approval task open for {@code role}: asserts its candidate group and form, then decides it
   * as {@code user} would in the task inbox (which adds {@code completedBy}).
   */
  private static ActivatedJob decide(
      final String role, final String user, final String decision, final String comment) {
    final ActivatedJob task = userTask("UserTaskApprove");
    assertThat(task.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"" + role + "\"]")
        .containsEntry("io.camunda.zeebe:formKey", String.valueOf(formKey("approve-campaign")));
    assertThat(task.getVariablesAsMap())
        .containsEntry("approverRole", role)
        .containsEntry("decision", null)
        .containsEntry("comment", null);
    final Map<String, Object> completion = new HashMap<>();
    completion.put("decision", decision);
    completion.put("comment", comment);
    completion.put("completedBy", user);
    return completeUserTask("UserTaskApprove", completion);
  }

  private static ActivatedJob approvalRecorded() {
    return completeJob("pinflow.campaign.record-approval", Map.of());
  }

  /** Approves in turn as every role given, each decision recorded; returns the record jobs. */
  private static List<ActivatedJob> approvedBy(final String... roles) {
    return java.util.Arrays.stream(roles)
        .map(
            role -> {
              decide(role, role.toLowerCase() + ".li", "APPROVE", null);
              return approvalRecorded();
            })
        .toList();
  }

  private static ActivatedJob revise(final String decision, final String note) {
    final Map<String, Object> completion = new HashMap<>();
    completion.put("decision", decision);
    completion.put("comment", note);
    completion.put("completedBy", SUBMITTER);
    return completeUserTask("UserTaskRevise", completion);
  }

  /** Scheduled, the start time comes, the stock is reserved and the campaign goes live. */
  private static void scheduledReservedAndActive(final CampaignCase campaign) {
    completeJob("pinflow.campaign.schedule", Map.of());
    passTime(UNTIL_START);
    stockReserved();
    completeJob("pinflow.campaign.activate", Map.of());
    campaign.instance().isWaitingAtElements("TimerEnd");
  }

  private static ActivatedJob stockReserved() {
    return completeJob(
        "pinflow.campaign.reserve-stock", Map.of("stockReserved", true, "shortSkus", List.of()));
  }

  private static ActivatedJob stockShort(final String... skus) {
    return completeJob(
        "pinflow.campaign.reserve-stock",
        Map.of("stockReserved", false, "shortSkus", List.of(skus)));
  }

  private static long formKey(final String formId) {
    return StreamSupport.stream(
            RecordStream.of(engine.getRecordStreamSource()).forms().spliterator(), false)
        .filter(f -> f.getValue().getFormId().equals(formId))
        .map(f -> f.getValue().getFormKey())
        .findFirst()
        .orElseThrow(() -> new AssertionError("form " + formId + " not deployed"));
  }

  private static void assertNoOpenJob(final String type) {
    waitForIdle();
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType(type)
                .maxJobsToActivate(1)
                .timeout(Duration.ofMinutes(1))
                .send()
                .join()
                .getJobs())
        .as("open jobs of type %s", type)
        .isEmpty();
  }

  @Test
  void aSmallDiscountIsApprovedByTheOpsLeadAloneScheduledActivatedAndEnded() {
    final CampaignCase campaign = submit();

    final ActivatedJob check = checked(12.5, 120_000L, 0);
    final ActivatedJob routing = routingRecorded();
    final ActivatedJob task = decide("OPS_LEAD", "lead.li", "APPROVE", "good margin");
    final ActivatedJob recorded = approvalRecorded();
    final ActivatedJob schedule = completeJob("pinflow.campaign.schedule", Map.of());
    campaign.instance().isWaitingAtElements("TimerStart");
    assertNoOpenJob("pinflow.campaign.reserve-stock");

    passTime(UNTIL_START);
    final ActivatedJob reserve = stockReserved();
    final ActivatedJob activate = completeJob("pinflow.campaign.activate", Map.of());
    campaign.instance().isWaitingAtElements("TimerEnd").isActive();
    assertNoOpenJob("pinflow.campaign.end");

    passTime(RUNS_FOR);
    final ActivatedJob end = completeJob("pinflow.campaign.end", Map.of());

    assertThat(check.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("shopId", "demo-shop")
        .containsEntry("startTime", campaign.startTime())
        .containsEntry("endTime", campaign.endTime());
    assertThat(routing.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("approvers", List.of("OPS_LEAD"))
        .containsEntry("rule", "standard")
        .containsEntry("routing", Map.of("approvers", List.of("OPS_LEAD"), "rule", "standard"));
    assertThat(task.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("discountDepthPercent", 12.5)
        .containsEntry("totalSubsidyFen", 120_000)
        .containsEntry("belowCostItems", 0);
    assertThat(recorded.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("approvalStep", 1)
        .containsEntry("approverRole", "OPS_LEAD")
        .containsEntry("approvalDecision", "APPROVE")
        .containsEntry("approvalComment", "good margin")
        .containsEntry("completedBy", "lead.li");
    assertThat(schedule.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("startTime", campaign.startTime())
        .containsEntry("endTime", campaign.endTime())
        .containsEntry("approvalDecision", "APPROVE");
    assertThat(reserve.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("shopId", "demo-shop");
    assertThat(activate.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("stockReserved", true);
    assertThat(end.getVariablesAsMap()).containsEntry("campaignId", campaign.campaignId());
    assertThat(campaign.processVariable("approvalDecision")).isEqualTo("APPROVE");
    campaign
        .instance()
        .hasPassedElementsInOrder(
            "StartCampaignSubmitted",
            "StartCampaign",
            "GatewayCheck",
            "TaskCheck",
            "GatewayChecksPassed",
            "TaskRouteApproval",
            "TaskRecordRouting",
            "UserTaskApprove",
            "TaskRecordApproval",
            "GatewayApproved",
            "TaskSchedule",
            "TimerStart",
            "GatewayReserveStock",
            "TaskReserveStock",
            "GatewayStockReserved",
            "TaskActivate",
            "TimerEnd",
            "TaskEnd",
            "EndEnded",
            "SubProcessCampaign",
            "EndClosed")
        .hasPassedElement("UserTaskApprove", 1)
        .hasNotPassedElement("GatewayRevise")
        .hasNotPassedElement("UserTaskStockShort")
        .hasNotPassedElement("TaskStop")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aDiscountOfTwentyPercentNeedsTheOpsLeadThenFinance() {
    final CampaignCase campaign = submit();
    checked(25.0, 300_000L, 0);
    final ActivatedJob routing = routingRecorded();

    // one task at a time: FINANCE sees nothing until the ops lead has decided
    decide("OPS_LEAD", "lead.li", "APPROVE", null);
    final ActivatedJob first = approvalRecorded();
    decide("FINANCE", "finance.wang", "APPROVE", "within budget");
    final ActivatedJob second = approvalRecorded();
    final ActivatedJob schedule = completeJob("pinflow.campaign.schedule", Map.of());

    assertThat(routing.getVariablesAsMap())
        .containsEntry("approvers", List.of("OPS_LEAD", "FINANCE"))
        .containsEntry("rule", "finance-review");
    assertThat(first.getVariablesAsMap())
        .containsEntry("approvalStep", 1)
        .containsEntry("approverRole", "OPS_LEAD")
        .containsEntry("completedBy", "lead.li");
    assertThat(second.getVariablesAsMap())
        .containsEntry("approvalStep", 2)
        .containsEntry("approverRole", "FINANCE")
        .containsEntry("approvalDecision", "APPROVE")
        .containsEntry("approvalComment", "within budget")
        .containsEntry("completedBy", "finance.wang");
    assertThat(schedule.getVariablesAsMap()).containsEntry("approvalDecision", "APPROVE");
    campaign
        .instance()
        .hasPassedElementsInOrder(
            "TaskRecordRouting",
            "UserTaskApprove",
            "TaskRecordApproval",
            "UserTaskApprove",
            "TaskRecordApproval",
            "GatewayApproved",
            "TaskSchedule")
        .hasPassedElement("UserTaskApprove", 2)
        .hasNoIncidents()
        .isWaitingAtElements("TimerStart");
  }

  @Test
  void sellingBelowCostNeedsTheOpsLeadFinanceAndAdminInThatOrder() {
    final CampaignCase campaign = submit();
    checked(8.0, 50_000L, 2);
    final ActivatedJob routing = routingRecorded();

    final List<ActivatedJob> recorded = approvedBy("OPS_LEAD", "FINANCE", "ADMIN");
    completeJob("pinflow.campaign.schedule", Map.of());

    assertThat(routing.getVariablesAsMap())
        .containsEntry("approvers", List.of("OPS_LEAD", "FINANCE", "ADMIN"))
        .containsEntry("rule", "below-cost");
    assertThat(recorded)
        .extracting(job -> job.getVariablesAsMap().get("approverRole"))
        .containsExactly("OPS_LEAD", "FINANCE", "ADMIN");
    assertThat(recorded)
        .extracting(job -> job.getVariablesAsMap().get("completedBy"))
        .containsExactly("ops_lead.li", "finance.li", "admin.li");
    assertThat(campaign.processVariable("approvalDecision")).isEqualTo("APPROVE");
    campaign
        .instance()
        .hasPassedElement("UserTaskApprove", 3)
        .hasPassedElement("TaskRecordApproval", 3)
        .hasPassedElementsInOrder("GatewayApproved", "TaskSchedule")
        .hasNoIncidents()
        .isWaitingAtElements("TimerStart");
  }

  @Test
  void aRejectionByFinanceGoesBackToTheSubmitterAndTheResubmissionStartsTheChainOver() {
    final CampaignCase campaign = submit();
    checked(60.0, 900_000L, 0);
    routingRecorded();
    decide("OPS_LEAD", "lead.li", "APPROVE", null);
    approvalRecorded();
    decide("FINANCE", "finance.wang", "REJECT", "subsidy too high for a 60 % discount");
    final ActivatedJob rejection = approvalRecorded();

    // the rejection completes the approvals at once: ADMIN is never asked
    assertThat(campaign.processVariable("approvalDecision")).isEqualTo("REJECT");
    final ActivatedJob request = completeJob("pinflow.campaign.request-revision", Map.of());
    final ActivatedJob revision = userTask("UserTaskRevise");
    assertThat(revision.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:assignee", SUBMITTER)
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"OPS\"]")
        .containsEntry("io.camunda.zeebe:formKey", String.valueOf(formKey("revise-campaign")))
        .doesNotContainKey("pinflow.fourEyesExcludes");
    assertThat(revision.getVariablesAsMap())
        .containsEntry("problems", NO_PROBLEMS)
        .containsEntry("approvalComment", "subsidy too high for a 60 % discount")
        .containsEntry("decision", null)
        .containsEntry("comment", null);
    revise("RESUBMIT", "discount cut to 30 %");
    final ActivatedJob resubmit = completeJob("pinflow.campaign.resubmit", Map.of());

    final ActivatedJob recheck = checked(30.0, 450_000L, 0);
    // a new round: the decision of the last one is gone before anyone approves again
    assertThat(campaign.processVariable("approvalDecision")).isNull();
    final ActivatedJob rerouting = routingRecorded();
    decide("OPS_LEAD", "lead.li", "APPROVE", null);
    final ActivatedJob again = approvalRecorded();
    decide("FINANCE", "finance.wang", "APPROVE", "ok now");
    approvalRecorded();
    final ActivatedJob schedule = completeJob("pinflow.campaign.schedule", Map.of());

    assertThat(rejection.getVariablesAsMap())
        .containsEntry("approvalStep", 2)
        .containsEntry("approverRole", "FINANCE")
        .containsEntry("approvalDecision", "REJECT")
        .containsEntry("approvalComment", "subsidy too high for a 60 % discount")
        .containsEntry("completedBy", "finance.wang");
    assertThat(request.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("submittedBy", SUBMITTER)
        .containsEntry("approvalDecision", "REJECT")
        .containsEntry("approvalComment", "subsidy too high for a 60 % discount")
        .containsEntry("completedBy", "finance.wang")
        .containsEntry("problems", NO_PROBLEMS);
    assertThat(resubmit.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("revisionDecision", "RESUBMIT")
        .containsEntry("revisionNote", "discount cut to 30 %")
        .containsEntry("revisedBy", SUBMITTER);
    assertThat(recheck.getVariablesAsMap()).containsEntry("campaignId", campaign.campaignId());
    assertThat(rerouting.getVariablesAsMap())
        .containsEntry("approvers", List.of("OPS_LEAD", "FINANCE"))
        .containsEntry("rule", "finance-review");
    assertThat(again.getVariablesAsMap())
        .containsEntry("approvalStep", 1)
        .containsEntry("approverRole", "OPS_LEAD");
    assertThat(schedule.getVariablesAsMap()).containsEntry("approvalDecision", "APPROVE");
    campaign
        .instance()
        .hasPassedElementsInOrder(
            "GatewayCheck",
            "TaskCheck",
            "TaskRouteApproval",
            "UserTaskApprove",
            "UserTaskApprove",
            "GatewayApproved",
            "GatewayRevise",
            "TaskRequestRevision",
            "UserTaskRevise",
            "GatewayRevisionDecision",
            "TaskResubmit",
            "GatewayCheck",
            "TaskCheck",
            "TaskRouteApproval",
            "UserTaskApprove",
            "UserTaskApprove",
            "GatewayApproved",
            "TaskSchedule")
        .hasPassedElement("UserTaskApprove", 4)
        .hasNotPassedElement("TaskWithdraw")
        .hasNoIncidents()
        .isWaitingAtElements("TimerStart");
  }

  @Test
  void aRejectedCampaignCanBeWithdrawnInsteadOfRevised() {
    final CampaignCase campaign = submit();
    checked(15.0, 200_000L, 0);
    routingRecorded();
    decide("OPS_LEAD", "lead.li", "REJECT", "clashes with the store anniversary sale");
    approvalRecorded();
    completeJob("pinflow.campaign.request-revision", Map.of());

    revise("WITHDRAW", "merged into the anniversary sale");
    final ActivatedJob withdraw = completeJob("pinflow.campaign.withdraw", Map.of());

    assertThat(withdraw.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("reason", "merged into the anniversary sale")
        .containsEntry("revisedBy", SUBMITTER);
    assertNoOpenJob("pinflow.campaign.resubmit");
    campaign
        .instance()
        .hasPassedElementsInOrder(
            "UserTaskApprove",
            "GatewayApproved",
            "TaskRequestRevision",
            "UserTaskRevise",
            "GatewayRevisionDecision",
            "TaskWithdraw",
            "EndWithdrawn",
            "SubProcessCampaign",
            "EndClosed")
        .hasNotPassedElement("TaskResubmit")
        .hasNotPassedElement("TaskSchedule")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aCampaignFailingItsChecksGoesToRevisionWithoutAnyApproval() {
    final CampaignCase campaign = submit();
    checkFailed("SKU 3 has no stock", "the campaign overlaps CMP-7999999");

    final ActivatedJob request = completeJob("pinflow.campaign.request-revision", Map.of());
    final ActivatedJob revision = userTask("UserTaskRevise");
    assertThat(revision.getVariablesAsMap())
        .containsEntry(
            "problems", List.of("SKU 3 has no stock", "the campaign overlaps CMP-7999999"))
        .containsEntry("approvalComment", null);
    campaign
        .instance()
        .isWaitingAtElements("UserTaskRevise")
        .isNotWaitingAtElements("UserTaskApprove");
    assertNoOpenJob("pinflow.campaign.record-routing");

    revise("RESUBMIT", "restocked SKU 3, moved the dates");
    completeJob("pinflow.campaign.resubmit", Map.of());
    checked(12.5, 80_000L, 0);
    routingRecorded();

    assertThat(request.getVariablesAsMap())
        .containsEntry(
            "problems", List.of("SKU 3 has no stock", "the campaign overlaps CMP-7999999"))
        .containsEntry("approvalDecision", null)
        .containsEntry("approvalComment", null);
    userTask("UserTaskApprove");
    campaign
        .instance()
        .hasPassedElementsInOrder(
            "TaskCheck",
            "GatewayChecksPassed",
            "GatewayRevise",
            "TaskRequestRevision",
            "UserTaskRevise",
            "TaskResubmit",
            "TaskCheck",
            "GatewayChecksPassed",
            "TaskRouteApproval")
        .hasPassedElement("TaskRouteApproval", 1)
        .hasNotPassedElement("GatewayApproved")
        .hasNoIncidents()
        .isWaitingAtElements("UserTaskApprove")
        .isNotWaitingAtElements("UserTaskRevise");
  }

  @Test
  void everyApprovalTaskExcludesTheSubmitterFromDecidingIt() {
    final CampaignCase campaign = submit();
    checked(30.0, 100_000L, 0);
    routingRecorded();

    for (final String role : List.of("OPS_LEAD", "FINANCE")) {
      final ActivatedJob task = userTask("UserTaskApprove");
      // the task inbox refuses the user named by this variable (403); the process only names it
      assertThat(task.getCustomHeaders())
          .containsEntry("pinflow.fourEyesExcludes", "submittedBy")
          .containsEntry("io.camunda.zeebe:candidateGroups", "[\"" + role + "\"]")
          .doesNotContainKey("io.camunda.zeebe:assignee");
      assertThat(task.getVariablesAsMap())
          .containsEntry("submittedBy", SUBMITTER)
          .containsEntry("approverRole", role);
      decide(role, role.toLowerCase() + ".chen", "APPROVE", null);
      approvalRecorded();
    }
    campaign.instance().hasNoIncidents().isWaitingAtElements("TaskSchedule");
  }

  @Test
  void stockShortAtTheStartIsRetriedOnceOpsRestockedAndTheCampaignGoesLive() {
    final CampaignCase campaign = submit();
    checked(10.0, 120_000L, 0);
    routingRecorded();
    approvedBy("OPS_LEAD");
    completeJob("pinflow.campaign.schedule", Map.of());
    passTime(UNTIL_START);
    stockShort("SKU-RED-M", "SKU-RED-L");

    final ActivatedJob shortage = userTask("UserTaskStockShort");
    assertThat(shortage.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"OPS\"]")
        .containsEntry("io.camunda.zeebe:formKey", String.valueOf(formKey("campaign-stock-short")));
    assertThat(shortage.getVariablesAsMap())
        .containsEntry("shortSkus", List.of("SKU-RED-M", "SKU-RED-L"))
        .containsEntry("stockDecision", null);
    completeUserTask("UserTaskStockShort", Map.of("decision", "RETRY", "completedBy", "ops.liu"));
    final ActivatedJob retry = stockReserved();
    final ActivatedJob activate = completeJob("pinflow.campaign.activate", Map.of());

    assertThat(retry.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("stockDecision", "RETRY")
        .containsEntry("stockDecidedBy", "ops.liu");
    assertThat(activate.getVariablesAsMap())
        .containsEntry("stockReserved", true)
        .containsEntry("stockDecision", null);
    campaign
        .instance()
        .hasPassedElementsInOrder(
            "GatewayReserveStock",
            "TaskReserveStock",
            "GatewayStockReserved",
            "UserTaskStockShort",
            "GatewayStockDecision",
            "GatewayReserveStock",
            "TaskReserveStock",
            "GatewayStockReserved",
            "TaskActivate")
        .hasNotPassedElement("TaskCancel")
        .hasNoIncidents()
        .isWaitingAtElements("TimerEnd");
  }

  @Test
  void stockShortAtTheStartCanBeCancelledByOps() {
    final CampaignCase campaign = submit();
    checked(10.0, 120_000L, 0);
    routingRecorded();
    approvedBy("OPS_LEAD");
    completeJob("pinflow.campaign.schedule", Map.of());
    passTime(UNTIL_START);
    stockShort("SKU-BLUE-S");

    completeUserTask("UserTaskStockShort", Map.of("decision", "CANCEL", "completedBy", "ops.liu"));
    final ActivatedJob cancel = completeJob("pinflow.campaign.cancel", Map.of());

    assertThat(cancel.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("shortSkus", List.of("SKU-BLUE-S"))
        .containsEntry("cancelReason", "STOCK_SHORT_CANCELLED");
    campaign
        .instance()
        .hasPassedElementsInOrder(
            "UserTaskStockShort",
            "GatewayStockDecision",
            "GatewayCancel",
            "TaskCancel",
            "EndCancelled",
            "SubProcessCampaign",
            "EndClosed")
        .hasNotPassedElement("TaskActivate")
        .hasNotPassedElement("TimerStockShortExpired")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void stockStillShortWhenTheCampaignWouldEndCancelsIt() {
    final CampaignCase campaign = submit();
    checked(10.0, 120_000L, 0);
    routingRecorded();
    approvedBy("OPS_LEAD");
    completeJob("pinflow.campaign.schedule", Map.of());
    passTime(UNTIL_START);
    stockShort("SKU-GREEN-XL");
    completeUserTask("UserTaskStockShort", Map.of("decision", "RETRY", "completedBy", "ops.liu"));
    stockShort("SKU-GREEN-XL");
    final ActivatedJob shortage = userTask("UserTaskStockShort");

    passTime(RUNS_FOR);
    forgetUserTask(shortage);
    final ActivatedJob cancel = completeJob("pinflow.campaign.cancel", Map.of());

    // the earlier RETRY does not count as a decision to cancel
    assertThat(cancel.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("shortSkus", List.of("SKU-GREEN-XL"))
        .containsEntry("cancelReason", "STOCK_SHORT_UNTIL_END");
    assertThat(campaign.terminated("UserTaskStockShort")).isEqualTo(1);
    campaign
        .instance()
        .hasPassedElementsInOrder(
            "TaskReserveStock",
            "UserTaskStockShort",
            "TaskReserveStock",
            "TimerStockShortExpired",
            "GatewayCancel",
            "TaskCancel",
            "EndCancelled",
            "EndClosed")
        .hasPassedElement("UserTaskStockShort", 1)
        .hasNotPassedElement("TaskActivate")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aStopRequestWhileTheCampaignRunsStopsItEarly() {
    final CampaignCase campaign = submit();
    checked(10.0, 120_000L, 0);
    routingRecorded();
    approvedBy("OPS_LEAD");
    scheduledReservedAndActive(campaign);

    campaign.requestStop();
    final ActivatedJob stop = completeJob("pinflow.campaign.stop", Map.of());
    passTime(RUNS_FOR);

    assertThat(stop.getElementId()).isEqualTo("TaskStop");
    assertThat(stop.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("shopId", "demo-shop")
        .containsEntry("stockReserved", true);
    assertNoOpenJob("pinflow.campaign.end");
    assertThat(campaign.terminated("TimerEnd")).isEqualTo(1);
    assertThat(campaign.terminated("SubProcessCampaign")).isEqualTo(1);
    campaign
        .instance()
        .hasPassedElementsInOrder("TaskActivate", "BoundaryStopRequested", "TaskStop", "EndStopped")
        .hasNotPassedElement("TimerEnd")
        .hasNotPassedElement("TaskEnd")
        .hasNotPassedElement("EndClosed")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aStopRequestWhileAwaitingApprovalClosesTheTaskAndStopsTheCampaign() {
    final CampaignCase campaign = submit();
    checked(25.0, 300_000L, 0);
    routingRecorded();
    approvedBy("OPS_LEAD");
    final ActivatedJob pending = userTask("UserTaskApprove");

    campaign.requestStop();
    forgetUserTask(pending);
    final ActivatedJob stop = completeJob("pinflow.campaign.stop", Map.of());

    assertThat(stop.getVariablesAsMap())
        .containsEntry("campaignId", campaign.campaignId())
        .containsEntry("stockReserved", null);
    assertNoOpenJob("pinflow.campaign.record-approval");
    assertNoOpenJob("pinflow.campaign.schedule");
    assertThat(campaign.terminated("UserTaskApprove")).isEqualTo(1);
    assertThat(campaign.terminated("SubProcessApprovals")).isEqualTo(2);
    campaign
        .instance()
        .hasPassedElementsInOrder("BoundaryStopRequested", "TaskStop", "EndStopped")
        .hasPassedElement("UserTaskApprove", 1)
        .hasNotPassedElement("GatewayApproved")
        .hasNotPassedElement("TaskSchedule")
        .hasNoIncidents()
        .isCompleted();
  }

  // ---- re-driven after a restart: started before the step the stored state points at

  private static CampaignCase redriveAt(
      final Duration fromNowToStart, final Map<String, Object> extra, final String... elements) {
    final String campaignId = "CMP-" + SERIAL.incrementAndGet();
    final Instant now = Instant.ofEpochMilli(engine.currentTimeMillis());
    final String startTime =
        ISO_WITH_OFFSET.format(OffsetDateTime.ofInstant(now.plus(fromNowToStart), CHINA));
    final String endTime =
        ISO_WITH_OFFSET.format(
            OffsetDateTime.ofInstant(now.plus(fromNowToStart).plus(RUNS_FOR), CHINA));
    final Map<String, Object> variables = new HashMap<>();
    variables.put("campaignId", campaignId);
    variables.put("businessKey", campaignId);
    variables.put("shopId", "demo-shop");
    variables.put("submittedBy", SUBMITTER);
    variables.put("startTime", startTime);
    variables.put("endTime", endTime);
    variables.put("problems", NO_PROBLEMS);
    variables.putAll(extra);
    startBefore("campaign-approval", variables, elements);
    return new CampaignCase(campaignId, startTime, endTime);
  }

  @Test
  void aChainRedrivenHalfwayAsksOnlyTheApproversLeftAndKeepsTheStepNumbers() {
    final CampaignCase campaign =
        redriveAt(
            UNTIL_START,
            Map.of(
                "routing",
                Map.of("approvers", List.of("FINANCE", "ADMIN"), "rule", "deep discount"),
                "approvalStepOffset",
                1),
            "SubProcessApprovals");

    final List<ActivatedJob> recorded = approvedBy("FINANCE", "ADMIN");
    completeJob("pinflow.campaign.schedule", Map.of());

    assertThat(recorded.get(0).getVariablesAsMap())
        .containsEntry("approvalStep", 2)
        .containsEntry("approverRole", "FINANCE");
    assertThat(recorded.get(1).getVariablesAsMap())
        .containsEntry("approvalStep", 3)
        .containsEntry("approverRole", "ADMIN");
    campaign
        .instance()
        .hasNotPassedElement("TaskCheck")
        .hasPassedElement("UserTaskApprove", 2)
        .isWaitingAtElements("TimerStart");
  }

  @Test
  void aScheduledCampaignWhoseStartPassedDuringTheRestartStartsAtOnce() {
    final CampaignCase campaign = redriveAt(Duration.ofMinutes(-10), Map.of(), "TimerStart");
    // timers already due fire at the engine's next due-date check
    passTime(Duration.ofSeconds(1));

    stockReserved();
    completeJob("pinflow.campaign.activate", Map.of());

    campaign
        .instance()
        .hasNotPassedElement("TaskSchedule")
        .hasPassedElementsInOrder("TimerStart", "TaskReserveStock", "TaskActivate")
        .isWaitingAtElements("TimerEnd");
  }

  @Test
  void anActiveCampaignRedrivenEndsAtItsEndTimeOrWhenStopped() {
    final CampaignCase ending = redriveAt(Duration.ofDays(-1), Map.of(), "TimerEnd");
    final CampaignCase stopped = redriveAt(Duration.ofDays(-1), Map.of(), "TimerEnd");

    stopped.requestStop();
    completeJob("pinflow.campaign.stop", Map.of());
    passTime(RUNS_FOR);
    completeJob("pinflow.campaign.end", Map.of());

    ending.instance().hasPassedElementsInOrder("TimerEnd", "TaskEnd", "EndEnded").isCompleted();
    stopped
        .instance()
        .hasPassedElementsInOrder("BoundaryStopRequested", "TaskStop", "EndStopped")
        .hasNotPassedElement("TaskEnd")
        .isCompleted();
  }
}
