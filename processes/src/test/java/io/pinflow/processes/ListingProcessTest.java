package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.process.test.filters.StreamFilter;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Every path of {@code listing}. The review-policy table runs for real; the test plays the workers,
 * the people in the task inbox and the delist requests, and moves the engine's clock for the
 * platform-review polls.
 */
class ListingProcessTest extends ProcessTestSupport {

  private static final AtomicLong SERIAL = new AtomicLong(7_000_000);
  private static final Duration POLL_INTERVAL = Duration.ofMinutes(1);
  private static final String PLAIN_TITLE = "纯棉短袖T恤 男款 夏季";
  private static final long PLAIN_CATEGORY = 15_583L;

  /** One listing under test. */
  private record ListingCase(String listingId) {

    ProcessInstanceAssert instance() {
      waitForIdle();
      return new ProcessInstanceAssert(key(), RecordStream.of(engine.getRecordStreamSource()));
    }

    long key() {
      waitForIdle();
      final RecordStream records = RecordStream.of(engine.getRecordStreamSource());
      return StreamSupport.stream(records.variableRecords().spliterator(), false)
          .filter(v -> v.getValue().getName().equals("listingId"))
          .filter(v -> v.getValue().getValue().equals("\"" + listingId + "\""))
          .map(v -> v.getValue().getProcessInstanceKey())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no instance for " + listingId));
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

    void requestDelist() {
      publish("listing-delist-requested", listingId, Map.of());
    }
  }

  /** Starts a listing as the outbox does: message {@code listing-submitted} keyed by its id. */
  private static ListingCase submit() {
    final String listingId = "LST-" + SERIAL.incrementAndGet();
    final Map<String, Object> variables = new HashMap<>();
    variables.put("listingId", listingId);
    variables.put("businessKey", listingId);
    variables.put("shopId", "demo-shop");
    variables.put("source", "API");
    variables.put("listingPollInterval", POLL_INTERVAL.toString());
    publish("listing-submitted", listingId, "listing-submitted:" + listingId, variables);
    return new ListingCase(listingId);
  }

  /** The validate worker finds nothing wrong and hands over the policy's inputs. */
  private static ActivatedJob validAs(
      final String title, final long categoryId, final Double priceToCostPercent) {
    final Map<String, Object> result = new HashMap<>();
    result.put("problems", List.of());
    result.put("title", title);
    result.put("categoryId", categoryId);
    result.put("priceToCostPercent", priceToCostPercent);
    return completeJob("pinflow.listing.validate", result);
  }

  private static ActivatedJob valid() {
    return validAs(PLAIN_TITLE, PLAIN_CATEGORY, 180.0);
  }

  private static ActivatedJob invalid(final String... problems) {
    final Map<String, Object> result = new HashMap<>();
    result.put("problems", List.of(problems));
    result.put("title", PLAIN_TITLE);
    result.put("categoryId", PLAIN_CATEGORY);
    result.put("priceToCostPercent", null);
    return completeJob("pinflow.listing.validate", result);
  }

  private static ActivatedJob published(final long goodsId, final long goodsCommitId) {
    return completeJob(
        "pinflow.listing.publish", Map.of("goodsId", goodsId, "goodsCommitId", goodsCommitId));
  }

  /** One poll interval passes; the check job reports the platform's review. */
  private static ActivatedJob platformReview(final String status, final String rejectReason) {
    passTime(POLL_INTERVAL);
    final Map<String, Object> result = new HashMap<>();
    result.put("platformReview", status);
    result.put("platformRejectReason", rejectReason);
    return completeJob("pinflow.listing.check-platform-review", result);
  }

  private static ActivatedJob putOnSale() {
    return completeJob("pinflow.listing.put-on-sale", Map.of("listingOutcome", "LISTED"));
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
  void anOrdinaryListingIsPublishedFollowedThroughThePlatformReviewAndDelistedLater() {
    final ListingCase listing = submit();

    final ActivatedJob validate = valid();
    final ActivatedJob decision = completeJob("pinflow.listing.record-decision", Map.of());
    final ActivatedJob publish = published(880_001L, 990_001L);
    listing.instance().isWaitingAtElements("TimerPlatformReview");
    assertNoOpenJob("pinflow.listing.check-platform-review");

    final ActivatedJob firstCheck = platformReview("PENDING", null);
    listing.instance().isWaitingAtElements("TimerPlatformReview");
    final ActivatedJob secondCheck = platformReview("APPROVED", null);
    final ActivatedJob onSale = putOnSale();
    listing.instance().isWaitingAtElements("CatchDelistRequested").isActive();

    listing.requestDelist();
    final ActivatedJob delist = completeJob("pinflow.listing.delist", Map.of());

    assertThat(validate.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("shopId", "demo-shop");
    assertThat(decision.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("decision", "AUTO_APPROVE")
        .containsEntry("rule", "within policy");
    assertThat(publish.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("shopId", "demo-shop")
        .containsEntry("goodsId", null);
    assertThat(firstCheck.getVariablesAsMap())
        .containsEntry("goodsId", 880_001)
        .containsEntry("goodsCommitId", 990_001);
    assertThat(secondCheck.getVariablesAsMap()).containsEntry("platformReview", "PENDING");
    assertThat(onSale.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("goodsId", 880_001);
    assertThat(delist.getElementId()).isEqualTo("TaskDelist");
    assertThat(delist.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("goodsId", 880_001)
        .containsEntry("listingOutcome", "LISTED");
    listing
        .instance()
        .hasPassedElementsInOrder(
            "StartListingSubmitted",
            "StartGetListed",
            "TaskValidate",
            "GatewayValid",
            "BusinessRuleTaskReviewPolicy",
            "TaskRecordDecision",
            "GatewayReviewNeeded",
            "GatewayPublish",
            "TaskPublish",
            "TimerPlatformReview",
            "TaskCheckPlatformReview",
            "GatewayPlatformReview",
            "TimerPlatformReview",
            "TaskCheckPlatformReview",
            "GatewayPlatformReview",
            "TaskPutOnSale",
            "EndOnSale",
            "SubProcessGetListed",
            "GatewayListed",
            "CatchDelistRequested",
            "TaskDelist",
            "EndDelisted")
        .hasPassedElement("TimerPlatformReview", 2)
        .hasPassedElement("TaskCheckPlatformReview", 2)
        .hasNotPassedElement("UserTaskReviewListing")
        .hasNotPassedElement("UserTaskFixListing")
        .hasNotPassedElement("TaskTakeDown")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aRestrictedCategoryIsReviewedByAnOpsLeadAndPublishedOnceApproved() {
    final ListingCase listing = submit();
    validAs("维生素C咀嚼片 60片", 9314L, 200.0);
    final ActivatedJob decision = completeJob("pinflow.listing.record-decision", Map.of());

    final ActivatedJob review = userTask("UserTaskReviewListing");
    assertThat(review.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"OPS_LEAD\"]");
    assertThat(review.getVariablesAsMap())
        .containsEntry("title", "维生素C咀嚼片 60片")
        .containsEntry("shopId", "demo-shop")
        .containsEntry("reviewPolicy", Map.of("decision", "REVIEW", "rule", "restricted category"));
    completeUserTask(
        "UserTaskReviewListing", Map.of("decision", "APPROVE", "comment", "licence on file"));
    final ActivatedJob publish = published(880_002L, 990_002L);
    platformReview("APPROVED", null);
    putOnSale();

    assertThat(decision.getVariablesAsMap())
        .containsEntry("decision", "REVIEW")
        .containsEntry("rule", "restricted category");
    assertThat(publish.getVariablesAsMap())
        .containsEntry("reviewDecision", "APPROVE")
        .containsEntry("reviewComment", "licence on file");
    listing
        .instance()
        .hasPassedElementsInOrder(
            "GatewayReviewNeeded",
            "UserTaskReviewListing",
            "GatewayReviewDecision",
            "GatewayPublish",
            "TaskPublish",
            "TaskPutOnSale",
            "EndOnSale")
        .hasNotPassedElement("TaskReject")
        .hasNoIncidents()
        .isWaitingAtElements("CatchDelistRequested");
  }

  @Test
  void aListingRejectedInReviewIsClosedAndNeverPublished() {
    final ListingCase listing = submit();
    validAs("全网最低价 纯棉毛巾", PLAIN_CATEGORY, 150.0);
    final ActivatedJob decision = completeJob("pinflow.listing.record-decision", Map.of());

    completeUserTask(
        "UserTaskReviewListing",
        Map.of("decision", "REJECT", "comment", "absolute claim in title"));
    final ActivatedJob reject =
        completeJob("pinflow.listing.reject", Map.of("listingOutcome", "REJECTED"));

    assertThat(decision.getVariablesAsMap()).containsEntry("rule", "forbidden word in title");
    assertThat(reject.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("reason", "absolute claim in title");
    assertNoOpenJob("pinflow.listing.publish");
    listing
        .instance()
        .hasPassedElementsInOrder(
            "UserTaskReviewListing",
            "GatewayReviewDecision",
            "TaskReject",
            "EndRejected",
            "SubProcessGetListed",
            "GatewayListed",
            "EndClosed")
        .hasNotPassedElement("GatewayPublish")
        .hasNotPassedElement("TaskPublish")
        .hasNotPassedElement("CatchDelistRequested")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void anInvalidListingIsFixedResubmittedValidatedAgainAndListed() {
    final ListingCase listing = submit();
    invalid("title longer than 60 characters", "SKU 2 has no price");

    final ActivatedJob fix = userTask("UserTaskFixListing");
    assertThat(fix.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"OPS\"]");
    assertThat(fix.getVariablesAsMap())
        .containsEntry("problems", List.of("title longer than 60 characters", "SKU 2 has no price"))
        .containsEntry("currentTitle", PLAIN_TITLE)
        .containsEntry("currentCategoryId", (int) PLAIN_CATEGORY)
        .containsEntry("title", null)
        .containsEntry("platformRejectReason", null);
    completeUserTask(
        "UserTaskFixListing",
        Map.of(
            "decision",
            "RESUBMIT",
            "title",
            "纯棉短袖T恤",
            "categoryId",
            15_584,
            "comment",
            "shortened the title, priced SKU 2"));
    final ActivatedJob applyFix = completeJob("pinflow.listing.apply-fix", Map.of());
    final ActivatedJob revalidate = validAs("纯棉短袖T恤", 15_584L, 160.0);
    completeJob("pinflow.listing.record-decision", Map.of());
    published(880_003L, 990_003L);
    platformReview("APPROVED", null);
    putOnSale();

    assertThat(applyFix.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("fixDecision", "RESUBMIT")
        .containsEntry("fixTitle", "纯棉短袖T恤")
        .containsEntry("fixCategoryId", 15_584)
        .containsEntry("fixComment", "shortened the title, priced SKU 2");
    assertThat(revalidate.getVariablesAsMap()).containsEntry("listingId", listing.listingId());
    listing
        .instance()
        .hasPassedElementsInOrder(
            "GatewayValidate",
            "TaskValidate",
            "GatewayValid",
            "GatewayFix",
            "UserTaskFixListing",
            "GatewayFixDecision",
            "TaskApplyFix",
            "GatewayValidate",
            "TaskValidate",
            "GatewayValid",
            "BusinessRuleTaskReviewPolicy",
            "TaskPublish",
            "TaskPutOnSale",
            "EndOnSale")
        .hasPassedElement("TaskValidate", 2)
        .hasPassedElement("TaskPublish", 1)
        .hasNotPassedElement("TaskWithdraw")
        .hasNoIncidents()
        .isWaitingAtElements("CatchDelistRequested");
  }

  @Test
  void fieldsLeftEmptyInTheFixFormReachTheApplyFixWorkerAsNull() {
    final ListingCase listing = submit();
    invalid("main image missing");

    // the process holds title and categoryId from validation: they must not leak into the fix
    completeUserTask("UserTaskFixListing", Map.of("decision", "RESUBMIT"));
    final ActivatedJob applyFix = completeJob("pinflow.listing.apply-fix", Map.of());

    assertThat(applyFix.getVariablesAsMap())
        .containsEntry("title", PLAIN_TITLE)
        .containsEntry("fixDecision", "RESUBMIT")
        .containsEntry("fixTitle", null)
        .containsEntry("fixCategoryId", null)
        .containsEntry("fixComment", null);
    listing
        .instance()
        .hasPassedElementsInOrder("TaskValidate", "UserTaskFixListing", "TaskApplyFix")
        .hasNoIncidents()
        .isWaitingAtElements("TaskValidate");
  }

  @Test
  void anInvalidListingCanBeWithdrawnInsteadOfFixed() {
    final ListingCase listing = submit();
    invalid("category 15583 needs a brand");

    completeUserTask(
        "UserTaskFixListing", Map.of("decision", "WITHDRAW", "comment", "brand not authorised"));
    final ActivatedJob withdraw =
        completeJob("pinflow.listing.withdraw", Map.of("listingOutcome", "WITHDRAWN"));

    assertThat(withdraw.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("reason", "brand not authorised");
    listing
        .instance()
        .hasPassedElementsInOrder(
            "GatewayValid",
            "UserTaskFixListing",
            "GatewayFixDecision",
            "TaskWithdraw",
            "EndWithdrawn",
            "GatewayListed",
            "EndClosed")
        .hasNotPassedElement("BusinessRuleTaskReviewPolicy")
        .hasNotPassedElement("TaskApplyFix")
        .hasNotPassedElement("TaskPublish")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aListingThePlatformRejectsIsFixedAndPublishedAgain() {
    final ListingCase listing = submit();
    valid();
    completeJob("pinflow.listing.record-decision", Map.of());
    final ActivatedJob firstPublish = published(880_004L, 990_004L);
    platformReview("REJECTED", "主图含有违规文字");
    final ActivatedJob recorded =
        completeJob("pinflow.listing.record-platform-rejection", Map.of());

    final ActivatedJob fix = userTask("UserTaskFixListing");
    assertThat(fix.getVariablesAsMap())
        .containsEntry("platformRejectReason", "主图含有违规文字")
        .containsEntry("problems", List.of());
    completeUserTask(
        "UserTaskFixListing", Map.of("decision", "RESUBMIT", "comment", "replaced the main image"));
    final ActivatedJob applyFix = completeJob("pinflow.listing.apply-fix", Map.of());
    valid();
    completeJob("pinflow.listing.record-decision", Map.of());
    final ActivatedJob republish = published(880_004L, 990_005L);
    final ActivatedJob check = platformReview("APPROVED", null);
    putOnSale();

    assertThat(recorded.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("goodsId", 880_004)
        .containsEntry("goodsCommitId", 990_004)
        .containsEntry("reason", "主图含有违规文字");
    assertThat(applyFix.getVariablesAsMap())
        .containsEntry("fixComment", "replaced the main image")
        .containsEntry("fixTitle", null);
    // the first publish adds new goods; the second one commits the fix to the same goods
    assertThat(firstPublish.getVariablesAsMap()).containsEntry("goodsId", null);
    assertThat(republish.getVariablesAsMap())
        .containsEntry("goodsId", 880_004)
        // a new validation pass clears the reason of the earlier rejection
        .containsEntry("platformRejectReason", null);
    assertThat(check.getVariablesAsMap()).containsEntry("goodsCommitId", 990_005);
    listing
        .instance()
        .hasPassedElementsInOrder(
            "GatewayValidate",
            "TaskValidate",
            "BusinessRuleTaskReviewPolicy",
            "TaskPublish",
            "TimerPlatformReview",
            "TaskCheckPlatformReview",
            "GatewayPlatformReview",
            "TaskRecordPlatformRejection",
            "GatewayFix",
            "UserTaskFixListing",
            "TaskApplyFix",
            "GatewayValidate",
            "TaskValidate",
            "BusinessRuleTaskReviewPolicy",
            "TaskPublish",
            "TimerPlatformReview",
            "TaskCheckPlatformReview",
            "GatewayPlatformReview",
            "TaskPutOnSale",
            "EndOnSale")
        .hasPassedElement("TaskValidate", 2)
        .hasPassedElement("TaskPublish", 2)
        .hasNoIncidents()
        .isWaitingAtElements("CatchDelistRequested");
  }

  @Test
  void aDelistRequestDuringThePlatformReviewTakesTheGoodsDown() {
    final ListingCase listing = submit();
    valid();
    completeJob("pinflow.listing.record-decision", Map.of());
    published(880_006L, 990_006L);
    listing.instance().isWaitingAtElements("TimerPlatformReview");

    listing.requestDelist();
    final ActivatedJob takeDown = completeJob("pinflow.listing.delist", Map.of());
    passTime(POLL_INTERVAL.multipliedBy(3));

    assertThat(takeDown.getElementId()).isEqualTo("TaskTakeDown");
    assertThat(takeDown.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("shopId", "demo-shop")
        .containsEntry("goodsId", 880_006);
    assertNoOpenJob("pinflow.listing.check-platform-review");
    assertNoOpenJob("pinflow.listing.put-on-sale");
    assertThat(listing.terminated("TimerPlatformReview")).isEqualTo(1);
    assertThat(listing.terminated("SubProcessGetListed")).isEqualTo(1);
    listing
        .instance()
        .hasPassedElementsInOrder(
            "TaskPublish", "BoundaryDelistRequested", "TaskTakeDown", "EndTakenDown")
        .hasNotPassedElement("SubProcessGetListed")
        .hasNotPassedElement("TimerPlatformReview")
        .hasNotPassedElement("TaskCheckPlatformReview")
        .hasNotPassedElement("TaskPutOnSale")
        .hasNotPassedElement("GatewayListed")
        .hasNoIncidents()
        .isCompleted();
  }

  @Test
  void aDelistRequestWhileTheListingAwaitsAFixClosesTheTaskAndTakesNothingOffSale() {
    final ListingCase listing = submit();
    invalid("SKU 1 has no stock");
    final ActivatedJob fix = userTask("UserTaskFixListing");

    listing.requestDelist();
    forgetUserTask(fix);
    final ActivatedJob takeDown = completeJob("pinflow.listing.delist", Map.of());

    assertThat(takeDown.getElementId()).isEqualTo("TaskTakeDown");
    assertThat(takeDown.getVariablesAsMap())
        .containsEntry("listingId", listing.listingId())
        .containsEntry("goodsId", null);
    assertThat(listing.terminated("UserTaskFixListing")).isEqualTo(1);
    listing
        .instance()
        .hasPassedElementsInOrder("BoundaryDelistRequested", "TaskTakeDown", "EndTakenDown")
        .hasNotPassedElement("UserTaskFixListing")
        .hasNotPassedElement("TaskPublish")
        .hasNoIncidents()
        .isCompleted();
  }

  // ---- re-driven after a restart: started before the step the stored state points at

  private static Map<String, Object> redriveVariables(
      final String listingId, final Map<String, Object> extra) {
    final Map<String, Object> variables = new HashMap<>();
    variables.put("listingId", listingId);
    variables.put("businessKey", listingId);
    variables.put("shopId", "demo-shop");
    variables.put("source", "API");
    variables.put("submittedBy", "ops.li");
    variables.put("listingPollInterval", POLL_INTERVAL.toString());
    variables.put("title", PLAIN_TITLE);
    variables.put("categoryId", PLAIN_CATEGORY);
    variables.putAll(extra);
    return variables;
  }

  @Test
  void aListedListingRedrivenWaitsForItsDelistingAgain() {
    final ListingCase listing = new ListingCase("LST-" + SERIAL.incrementAndGet());
    startBefore(
        "listing",
        redriveVariables(listing.listingId(), Map.of("goodsId", 90001L, "goodsCommitId", 91001L)),
        "CatchDelistRequested");

    listing.requestDelist();
    final ActivatedJob delist = completeJob("pinflow.listing.delist", Map.of());

    assertThat(delist.getVariablesAsMap()).containsEntry("goodsId", 90001);
    listing
        .instance()
        .hasNotPassedElement("SubProcessGetListed")
        .hasPassedElementsInOrder("CatchDelistRequested", "TaskDelist", "EndDelisted")
        .isCompleted();
  }

  @Test
  void aListingRedrivenInsideItsWayToTheShelfStillHearsADelistRequest() {
    final ListingCase listing = new ListingCase("LST-" + SERIAL.incrementAndGet());
    startBefore(
        "listing",
        redriveVariables(listing.listingId(), Map.of("goodsId", 90002L, "goodsCommitId", 91002L)),
        "TaskCheckPlatformReview");

    listing.requestDelist();
    completeJob("pinflow.listing.delist", Map.of());

    listing
        .instance()
        .hasPassedElementsInOrder("BoundaryDelistRequested", "TaskTakeDown", "EndTakenDown")
        .hasNotPassedElement("TaskPutOnSale")
        .isCompleted();
    assertThat(listing.terminated("TaskCheckPlatformReview")).isEqualTo(1);
  }

  @Test
  void aFixDecidedBeforeTheRestartIsAppliedWithoutAskingAgain() {
    final ListingCase listing = new ListingCase("LST-" + SERIAL.incrementAndGet());
    startBefore(
        "listing",
        redriveVariables(
            listing.listingId(),
            Map.of(
                "fixDecision", "RESUBMIT", "fixTitle", "新标题", "fixComment", "watermark removed")),
        "TaskApplyFix");

    final ActivatedJob applied = completeJob("pinflow.listing.apply-fix", Map.of());
    valid();

    assertThat(applied.getVariablesAsMap())
        .containsEntry("fixTitle", "新标题")
        .containsEntry("fixComment", "watermark removed");
    listing
        .instance()
        .hasNotPassedElement("UserTaskFixListing")
        .hasPassedElementsInOrder("TaskApplyFix", "GatewayValidate", "TaskValidate");
  }
}
