package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.filters.RecordStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Every path of {@code refund-return}. The decision table runs for real; the test plays the workers
 * and the messages of the order process, the WMS and the platform.
 */
class RefundReturnProcessTest extends ProcessTestSupport {

  private static final AtomicLong SERIAL = new AtomicLong(5_000_000);

  /** One case under test. */
  private record Case(String afterSalesId, String orderSn) {

    ProcessInstanceAssert instance() {
      waitForIdle();
      final RecordStream records = RecordStream.of(engine.getRecordStreamSource());
      final long key =
          StreamSupport.stream(records.variableRecords().spliterator(), false)
              .filter(v -> v.getValue().getName().equals("afterSalesId"))
              .filter(v -> v.getValue().getValue().equals("\"" + afterSalesId + "\""))
              .map(v -> v.getValue().getProcessInstanceKey())
              .findFirst()
              .orElseThrow(() -> new AssertionError("no instance for " + afterSalesId));
      return new ProcessInstanceAssert(key, records);
    }
  }

  private static Case open(
      final String type, final long amountFen, final boolean shipped, final String reason) {
    final String afterSalesId = "AS-" + SERIAL.incrementAndGet();
    final String orderSn = "261124-" + (100_000_000_000_000L + SERIAL.get());
    final Instant now = Instant.ofEpochMilli(engine.currentTimeMillis());
    final Map<String, Object> variables = new HashMap<>();
    variables.put("afterSalesId", afterSalesId);
    variables.put("businessKey", afterSalesId);
    variables.put("shopId", "demo-shop");
    variables.put("orderSn", orderSn);
    variables.put("type", type);
    variables.put("reason", reason);
    variables.put("refundAmountFen", amountFen);
    variables.put("orderShipped", shipped);
    variables.put("buyerRecentCases", 0);
    variables.put("expireTime", now.plus(Duration.ofHours(48)).toString());
    variables.put("reviewDueAt", now.plus(Duration.ofHours(44)).toString());
    variables.put("returnWindow", "P7D");
    publish("after-sales-opened", afterSalesId, "after-sales-opened:" + afterSalesId, variables);
    return new Case(afterSalesId, orderSn);
  }

  @Test
  void aSmallRefundBeforeShipmentIsDecidedAutomaticallyAndInterceptsTheOrder() {
    final Case c = open("REFUND_ONLY", 2_000, false, "CHANGED_MIND");

    final ActivatedJob decision = completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.check-shipment", Map.of("orderShipped", false));
    final ActivatedJob intercept =
        completeJob("pinflow.aftersales.intercept-order", Map.of("interceptOutcome", "CANCELLED"));
    final ActivatedJob refund = completeJob("pinflow.aftersales.agree-refund", Map.of());

    assertThat(decision.getVariablesAsMap())
        .containsEntry("decision", "AUTO_APPROVE")
        .containsEntry("rule", "small refund before shipment");
    assertThat(intercept.getVariablesAsMap()).containsEntry("orderSn", c.orderSn());
    assertThat(refund.getVariablesAsMap()).containsEntry("amountFen", 2_000);
    c.instance()
        .hasPassedElementsInOrder(
            "BusinessRuleTaskDecide",
            "TaskCheckShipment",
            "TaskInterceptOrder",
            "TaskAgreeRefund",
            "EndRefunded")
        .hasNotPassedElement("UserTaskReviewAfterSales")
        .isCompleted();
  }

  @Test
  void anInterceptionUnderWayWaitsForTheOrderProcessesAnswer() {
    final Case c = open("REFUND_ONLY", 2_000, false, "CHANGED_MIND");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.check-shipment", Map.of("orderShipped", false));
    completeJob("pinflow.aftersales.intercept-order", Map.of("interceptOutcome", "REQUESTED"));
    c.instance().isWaitingAtElements("CatchOrderCancelOutcome");

    publish("order-cancel-outcome", c.orderSn(), Map.of("cancelOutcome", "CANCELLED"));
    completeJob("pinflow.aftersales.agree-refund", Map.of());

    c.instance()
        .hasPassedElementsInOrder("CatchOrderCancelOutcome", "TaskAgreeRefund")
        .isCompleted();
  }

  @Test
  void anOrderThatShippedMeanwhileGoesTheReturnPath() {
    final Case c = open("REFUND_ONLY", 2_000, false, "CHANGED_MIND");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.check-shipment", Map.of("orderShipped", false));
    completeJob("pinflow.aftersales.intercept-order", Map.of("interceptOutcome", "REQUESTED"));

    publish("order-cancel-outcome", c.orderSn(), Map.of("cancelOutcome", "REFUSED"));
    completeJob("pinflow.aftersales.agree-return", Map.of());
    publish("wms-return-received", c.afterSalesId(), Map.of("inspection", "OK"));
    final ActivatedJob recorded = completeJob("pinflow.aftersales.record-return", Map.of());
    completeJob("pinflow.aftersales.restock", Map.of());
    completeJob("pinflow.aftersales.agree-refund", Map.of());

    assertThat(recorded.getVariablesAsMap()).containsEntry("inspection", "OK");
    c.instance()
        .hasPassedElementsInOrder(
            "GatewayCancelOutcome",
            "TaskAgreeReturn",
            "CatchReturnReceived",
            "TaskRestock",
            "TaskAgreeRefund")
        .isCompleted();
  }

  @Test
  void aRefundAfterShipmentIsReviewedThenRefundedWithoutReturn() {
    final Case c = open("REFUND_ONLY", 2_000, true, "QUALITY");
    final ActivatedJob decision = completeJob("pinflow.aftersales.record-decision", Map.of());
    final ActivatedJob review = userTask("UserTaskReviewAfterSales");

    assertThat(decision.getVariablesAsMap()).containsEntry("decision", "REVIEW");
    assertThat(review.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"CUSTOMER_SERVICE\"]");
    completeUserTask("UserTaskReviewAfterSales", Map.of("decision", "APPROVE"));
    completeJob("pinflow.aftersales.check-shipment", Map.of("orderShipped", true));
    completeJob("pinflow.aftersales.agree-refund", Map.of());

    c.instance()
        .hasPassedElementsInOrder(
            "UserTaskReviewAfterSales", "TaskCheckShipment", "TaskAgreeRefund")
        .hasNotPassedElement("TaskInterceptOrder")
        .isCompleted();
  }

  @Test
  void aRefusalInReviewIsRecordedWithItsReason() {
    final Case c = open("REFUND_ONLY", 2_000, true, "QUALITY");
    completeJob("pinflow.aftersales.record-decision", Map.of());

    completeUserTask(
        "UserTaskReviewAfterSales", Map.of("decision", "REJECT", "comment", "used and washed"));
    final ActivatedJob refusal = completeJob("pinflow.aftersales.record-refusal", Map.of());

    assertThat(refusal.getVariablesAsMap()).containsEntry("refusalReason", "used and washed");
    c.instance()
        .hasPassedElementsInOrder("GatewayReject", "TaskRecordRefusal", "EndRefused")
        .isCompleted();
  }

  @Test
  void aReviewNobodyDecidesByTheDeadlineContinuesAsApproved() {
    final Case c = open("REFUND_ONLY", 30_000, false, "CHANGED_MIND");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    final ActivatedJob review = userTask("UserTaskReviewAfterSales");

    passTime(Duration.ofHours(49));
    completeJob("pinflow.aftersales.record-missed-deadline", Map.of());
    forgetUserTask(review);
    completeJob("pinflow.aftersales.check-shipment", Map.of("orderShipped", false));
    completeJob("pinflow.aftersales.intercept-order", Map.of("interceptOutcome", "CANCELLED"));
    completeJob("pinflow.aftersales.agree-refund", Map.of());

    c.instance()
        .hasPassedElementsInOrder(
            "BoundaryReviewDeadline",
            "TaskRecordMissedDeadline",
            "GatewayApproved",
            "TaskAgreeRefund")
        .hasNotPassedElement("GatewayReviewDecision")
        .isCompleted();
  }

  @Test
  void aDamagedReturnIsDecidedByTheLeadAndMayBeRefundedInPart() {
    final Case c = open("RETURN_REFUND", 8_000, true, "QUALITY");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.agree-return", Map.of());
    publish("wms-return-received", c.afterSalesId(), Map.of("inspection", "DAMAGED"));
    completeJob("pinflow.aftersales.record-return", Map.of());

    final ActivatedJob task = userTask("UserTaskDamagedReturn");
    assertThat(task.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"CUSTOMER_SERVICE_LEAD\"]");
    completeUserTask(
        "UserTaskDamagedReturn", Map.of("decision", "PARTIAL_REFUND", "partialRefundFen", 3_000));
    final ActivatedJob refund = completeJob("pinflow.aftersales.agree-refund", Map.of());

    assertThat(refund.getVariablesAsMap()).containsEntry("amountFen", 3_000);
    c.instance()
        .hasPassedElementsInOrder("GatewayInspection", "UserTaskDamagedReturn", "TaskAgreeRefund")
        .hasNotPassedElement("TaskRestock")
        .isCompleted();
  }

  @Test
  void aDamagedReturnRefundedInFullRefundsTheRequestedAmount() {
    final Case c = open("RETURN_REFUND", 8_000, true, "QUALITY");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.agree-return", Map.of());
    publish("wms-return-received", c.afterSalesId(), Map.of("inspection", "DAMAGED"));
    completeJob("pinflow.aftersales.record-return", Map.of());

    completeUserTask("UserTaskDamagedReturn", Map.of("decision", "FULL_REFUND"));
    final ActivatedJob refund = completeJob("pinflow.aftersales.agree-refund", Map.of());

    assertThat(refund.getVariablesAsMap()).containsEntry("amountFen", 8_000);
    c.instance().isCompleted();
  }

  @Test
  void aDamagedReturnCanBeRefused() {
    final Case c = open("RETURN_REFUND", 8_000, true, "QUALITY");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.agree-return", Map.of());
    publish("wms-return-received", c.afterSalesId(), Map.of("inspection", "DAMAGED"));
    completeJob("pinflow.aftersales.record-return", Map.of());

    completeUserTask(
        "UserTaskDamagedReturn", Map.of("decision", "REFUSE", "comment", "damaged by the buyer"));
    final ActivatedJob refusal = completeJob("pinflow.aftersales.record-refusal", Map.of());

    assertThat(refusal.getVariablesAsMap()).containsEntry("refusalReason", "damaged by the buyer");
    c.instance()
        .hasPassedElement("EndRefused")
        .hasNotPassedElement("TaskAgreeRefund")
        .isCompleted();
  }

  @Test
  void aReturnThatNeverComesClosesAfterTheReturnWindow() {
    final Case c = open("RETURN_REFUND", 8_000, true, "QUALITY");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.agree-return", Map.of());

    passTime(Duration.ofDays(7).plusMinutes(1));
    completeJob("pinflow.aftersales.close-unreturned", Map.of());

    c.instance()
        .hasPassedElementsInOrder("TimerReturnWindow", "TaskCloseUnreturned", "EndClosedUnreturned")
        .hasNotPassedElement("CatchReturnReceived")
        .isCompleted();
  }

  @Test
  void anExchangeWaitsForStockThenShipsTheReplacement() {
    final Case c = open("EXCHANGE", 5_000, true, "WRONG_ITEM");
    final ActivatedJob decision = completeJob("pinflow.aftersales.record-decision", Map.of());
    assertThat(decision.getVariablesAsMap()).containsEntry("decision", "AUTO_APPROVE");

    completeJob("pinflow.aftersales.reserve-replacement", Map.of("replacementReserved", false));
    passTime(Duration.ofMinutes(61));
    completeJob("pinflow.aftersales.reserve-replacement", Map.of("replacementReserved", true));
    completeJob("pinflow.aftersales.send-replacement", Map.of());
    publish(
        "wms-replacement-shipped",
        c.afterSalesId(),
        Map.of("carrier", "SF", "trackingNumber", "SF777"));
    final ActivatedJob upload = completeJob("pinflow.aftersales.upload-replacement", Map.of());

    assertThat(upload.getVariablesAsMap())
        .containsEntry("carrier", "SF")
        .containsEntry("trackingNumber", "SF777");
    c.instance()
        .hasPassedElement("TaskReserveReplacement", 2)
        .hasPassedElementsInOrder(
            "TimerRetryReplacement",
            "TaskSendReplacement",
            "CatchReplacementShipped",
            "TaskUploadReplacement",
            "EndReshipped")
        .isCompleted();
  }

  @Test
  void aResendShipsTheMissingGoodsWithoutWaitingForAParcel() {
    final Case c = open("RESEND", 3_000, true, "MISSING_PARTS");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.reserve-replacement", Map.of("replacementReserved", true));
    completeJob("pinflow.aftersales.send-replacement", Map.of());
    publish(
        "wms-replacement-shipped",
        c.afterSalesId(),
        Map.of("carrier", "YTO", "trackingNumber", "YT123"));
    completeJob("pinflow.aftersales.upload-replacement", Map.of());

    c.instance()
        .hasPassedElementsInOrder(
            "TaskReserveReplacement",
            "TaskSendReplacement",
            "CatchReplacementShipped",
            "TaskUploadReplacement",
            "EndReshipped")
        .hasNotPassedElement("TaskAgreeReturn")
        .hasNotPassedElement("TaskAgreeRefund")
        .isCompleted();
  }

  @Test
  void aWithdrawnRequestClosesWhereverItStands() {
    final Case c = open("RETURN_REFUND", 8_000, true, "QUALITY");
    completeJob("pinflow.aftersales.record-decision", Map.of());
    completeJob("pinflow.aftersales.agree-return", Map.of());

    publish("after-sales-withdrawn", c.afterSalesId(), Map.of());
    completeJob("pinflow.aftersales.close-withdrawn", Map.of());

    c.instance()
        .hasPassedElementsInOrder("StartWithdrawn", "TaskCloseWithdrawn", "EndWithdrawn")
        .hasNotPassedElement("CatchReturnReceived")
        .isCompleted();
  }

  // ---- re-driven after a restart: started before the step the stored state points at

  private static Map<String, Object> redriveVariables(
      final String type, final long amountFen, final Map<String, Object> extra) {
    final String afterSalesId = "AS-" + SERIAL.incrementAndGet();
    final Instant now = Instant.ofEpochMilli(engine.currentTimeMillis());
    final Map<String, Object> variables = new HashMap<>();
    variables.put("afterSalesId", afterSalesId);
    variables.put("businessKey", afterSalesId);
    variables.put("shopId", "demo-shop");
    variables.put("orderSn", "261124-" + (100_000_000_000_000L + SERIAL.get()));
    variables.put("type", type);
    variables.put("reason", "QUALITY");
    variables.put("refundAmountFen", amountFen);
    variables.put("orderShipped", true);
    variables.put("buyerRecentCases", 0);
    variables.put("expireTime", now.plus(Duration.ofHours(48)).toString());
    variables.put("reviewDueAt", now.plus(Duration.ofHours(44)).toString());
    variables.put("returnWindow", "P7D");
    variables.put("decisionResult", Map.of("decision", "AUTO_APPROVE", "rule", "test"));
    variables.putAll(extra);
    return variables;
  }

  @Test
  void aCaseRedrivenWhileItsOrderIsBeingCancelledRefundsOnceTheCancellationSettles() {
    final Map<String, Object> variables =
        redriveVariables("REFUND_ONLY", 3_000, Map.of("interceptOutcome", "REQUESTED"));
    final var instance = startBefore("refund-return", variables, "CatchOrderCancelOutcome");

    publish(
        "order-cancel-outcome",
        variables.get("orderSn").toString(),
        Map.of("cancelOutcome", "CANCELLED"));
    final ActivatedJob refund = completeJob("pinflow.aftersales.agree-refund", Map.of());

    assertThat(refund.getVariablesAsMap()).containsEntry("amountFen", 3_000);
    assertThatInstance(instance)
        .hasNotPassedElement("TaskInterceptOrder")
        .hasPassedElementsInOrder("CatchOrderCancelOutcome", "TaskAgreeRefund", "EndRefunded")
        .isCompleted();
  }

  @Test
  void aCaseRedrivenWhileWaitingForTheReturnClosesWhenWhatIsLeftOfTheWindowRunsOut() {
    final var instance =
        startBefore(
            "refund-return",
            redriveVariables("RETURN_REFUND", 5_000, Map.of("returnWindow", "PT3H")),
            "GatewayAwaitReturn");

    passTime(Duration.ofHours(3).plusMinutes(1));
    completeJob("pinflow.aftersales.close-unreturned", Map.of());

    assertThatInstance(instance)
        .hasNotPassedElement("TaskAgreeReturn")
        .hasPassedElementsInOrder("TimerReturnWindow", "TaskCloseUnreturned", "EndClosedUnreturned")
        .isCompleted();
  }

  @Test
  void aReviewRedrivenAfterThePlatformDeadlinePassedGoesOnAsThePlatformAgreed() {
    final Map<String, Object> variables =
        redriveVariables(
            "REFUND_ONLY",
            30_000,
            Map.of(
                "decisionResult",
                Map.of("decision", "REVIEW", "rule", "large refund before shipment"),
                "expireTime",
                Instant.ofEpochMilli(engine.currentTimeMillis())
                    .minus(Duration.ofMinutes(5))
                    .toString()));
    final var instance = startBefore("refund-return", variables, "UserTaskReviewAfterSales");
    // timers already due fire at the engine's next due-date check
    passTime(Duration.ofSeconds(1));

    completeJob("pinflow.aftersales.record-missed-deadline", Map.of());
    completeJob("pinflow.aftersales.check-shipment", Map.of("orderShipped", true));
    completeJob("pinflow.aftersales.agree-refund", Map.of());

    assertThatInstance(instance)
        .hasPassedElementsInOrder(
            "BoundaryReviewDeadline", "TaskRecordMissedDeadline", "TaskCheckShipment")
        .hasPassedElement("EndRefunded")
        .isCompleted();
  }

  @Test
  void aCaseRedrivenAfterTheBuyerWithdrewItClosesWithoutAnyOtherStep() {
    final var instance =
        startBefore(
            "refund-return",
            redriveVariables("RETURN_REFUND", 5_000, Map.of()),
            "TaskCloseWithdrawn");

    completeJob("pinflow.aftersales.close-withdrawn", Map.of());

    assertThatInstance(instance)
        .hasNotPassedElement("TaskAgreeReturn")
        .hasNotPassedElement("BusinessRuleTaskDecide")
        .hasPassedElement("TaskCloseWithdrawn")
        .isCompleted();
  }

  @Test
  void anExchangeRedrivenAfterTheWarehouseShippedUploadsTheReplacement() {
    final var instance =
        startBefore(
            "refund-return",
            redriveVariables(
                "EXCHANGE",
                0,
                Map.of("replacementCarrier", "SF", "replacementTracking", "SF300001")),
            "TaskUploadReplacement");

    final ActivatedJob upload = completeJob("pinflow.aftersales.upload-replacement", Map.of());

    assertThat(upload.getVariablesAsMap())
        .containsEntry("carrier", "SF")
        .containsEntry("trackingNumber", "SF300001");
    assertThatInstance(instance)
        .hasNotPassedElement("TaskSendReplacement")
        .hasPassedElement("EndReshipped")
        .isCompleted();
  }
}
