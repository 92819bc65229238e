package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.filters.RecordStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Every path of {@code order-to-ship}: the test plays the workers, checks what each job is handed
 * and which elements the order passed.
 */
class OrderToShipProcessTest extends ProcessTestSupport {

  private static final AtomicLong SERIAL = new AtomicLong(100_000_000_000_000L);

  private static String newOrderSn() {
    return "261124-" + SERIAL.incrementAndGet();
  }

  /** Starts an order as the outbox does: message {@code order-received} keyed by its number. */
  private static OrderCase receive(final Instant lastShipTime) {
    final String orderSn = newOrderSn();
    final Map<String, Object> variables = new HashMap<>();
    variables.put("orderSn", orderSn);
    variables.put("businessKey", orderSn);
    variables.put("shopId", "demo-shop");
    variables.put("lastShipTime", lastShipTime.toString());
    variables.put("shipByWarningAt", lastShipTime.minus(Duration.ofHours(6)).toString());
    variables.put("autoCompleteAfter", "P10D");
    publish("order-received", orderSn, "order-received:" + orderSn, variables);
    return new OrderCase(orderSn);
  }

  private static OrderCase receive() {
    return receive(Instant.ofEpochMilli(engine.currentTimeMillis()).plus(Duration.ofHours(48)));
  }

  /** One order under test and the instance it started. */
  private record OrderCase(String orderSn) {

    ProcessInstanceAssert instance() {
      waitForIdle();
      final RecordStream records = RecordStream.of(engine.getRecordStreamSource());
      final long instanceKey =
          StreamSupport.stream(records.variableRecords().spliterator(), false)
              .filter(v -> v.getValue().getName().equals("orderSn"))
              .filter(v -> v.getValue().getValue().equals("\"" + orderSn + "\""))
              .map(v -> v.getValue().getProcessInstanceKey())
              .findFirst()
              .orElseThrow(() -> new AssertionError("no instance for " + orderSn));
      return new ProcessInstanceAssert(instanceKey, records);
    }
  }

  private static void freeToShip() {
    completeJob("pinflow.order.check-holds", Map.of("onHold", false, "holdReason", ""));
  }

  private static void reserved() {
    completeJob(
        "pinflow.order.reserve-stock", Map.of("stockReserved", true, "shortageSummary", ""));
  }

  private static void shippedBy(final String orderSn, final String tracking) {
    publish(
        "wms-shipped",
        orderSn,
        "wms-event-" + tracking,
        Map.of("carrier", "SF", "trackingNumber", tracking, "wmsEventId", "wms-event-" + tracking));
  }

  @Test
  void anOrderFreeToShipGoesThroughTheWarehouseToCompletion() {
    final OrderCase order = receive();

    final ActivatedJob holds =
        completeJob("pinflow.order.check-holds", Map.of("onHold", false, "holdReason", ""));
    final ActivatedJob reserve =
        completeJob(
            "pinflow.order.reserve-stock", Map.of("stockReserved", true, "shortageSummary", ""));
    final ActivatedJob send = completeJob("pinflow.order.send-to-wms", Map.of());
    shippedBy(order.orderSn(), "SF100001");
    final ActivatedJob record = completeJob("pinflow.order.record-shipment", Map.of());
    final ActivatedJob upload = completeJob("pinflow.order.upload-tracking", Map.of());
    order.instance().isWaitingAtElements("GatewayAwaitDelivery");
    publish("order-delivered", order.orderSn(), Map.of());
    completeJob("pinflow.order.mark-delivered", Map.of());
    completeJob("pinflow.order.complete", Map.of());

    assertThat(holds.getVariablesAsMap()).containsEntry("orderSn", order.orderSn());
    assertThat(reserve.getVariablesAsMap()).containsEntry("orderSn", order.orderSn());
    assertThat(send.getVariablesAsMap()).containsEntry("orderSn", order.orderSn());
    assertThat(record.getVariablesAsMap())
        .containsEntry("carrier", "SF")
        .containsEntry("trackingNumber", "SF100001")
        .containsEntry("wmsEventId", "wms-event-SF100001");
    assertThat(upload.getVariablesAsMap())
        .containsEntry("shopId", "demo-shop")
        .containsEntry("carrier", "SF")
        .containsEntry("trackingNumber", "SF100001");
    order
        .instance()
        .hasPassedElementsInOrder(
            "TaskCheckHolds",
            "TaskReserveStock",
            "TaskSendToWms",
            "CatchWmsShipped",
            "TaskRecordShipment",
            "TaskUploadTracking",
            "EndFulfilled",
            "CatchOrderDelivered",
            "TaskMarkDelivered",
            "TaskCompleteOrder",
            "EndOrderCompleted")
        .hasNotPassedElement("UserTaskResolveStockShortage")
        .hasNotPassedElement("TaskReleaseStock")
        .isCompleted();
  }

  @Test
  void anOrderOnRiskReviewWaitsUntilThePlatformReleasesIt() {
    final OrderCase order = receive();

    completeJob("pinflow.order.check-holds", Map.of("onHold", true, "holdReason", "risk review"));
    order.instance().isWaitingAtElements("GatewayWaitForRelease");
    publish("order-released", order.orderSn(), Map.of());
    freeToShip();
    reserved();

    order
        .instance()
        .hasPassedElement("TaskCheckHolds", 2)
        .hasPassedElement("CatchOrderReleased")
        .isWaitingAtElements("TaskSendToWms");
  }

  @Test
  void aHeldOrderIsCheckedAgainAfterHalfAnHourEvenWithoutAMessage() {
    final OrderCase order = receive();
    completeJob("pinflow.order.check-holds", Map.of("onHold", true, "holdReason", "ship hold"));

    passTime(Duration.ofMinutes(31));
    freeToShip();

    order.instance().hasPassedElement("TimerRecheckHolds").isWaitingAtElements("TaskReserveStock");
  }

  @Test
  void aShortOrderWaitsForStockAndShipsWhenItArrives() {
    final OrderCase order = receive();
    freeToShip();
    completeJob(
        "pinflow.order.reserve-stock",
        Map.of("stockReserved", false, "shortageSummary", "SKU-RED-M (need 2, available 0)"));

    final ActivatedJob task = userTask("UserTaskResolveStockShortage");
    assertThat(task.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"OPS\"]")
        .containsKey("io.camunda.zeebe:formKey")
        .containsKey("io.camunda.zeebe:dueDate");
    assertThat(task.getVariablesAsMap())
        .containsEntry("shortageSummary", "SKU-RED-M (need 2, available 0)");
    completeUserTask("UserTaskResolveStockShortage", Map.of("decision", "WAIT_FOR_STOCK"));
    order.instance().isWaitingAtElements("GatewayWaitForStock");
    publish("stock-available", order.orderSn(), Map.of());
    reserved();
    completeJob("pinflow.order.send-to-wms", Map.of());

    order
        .instance()
        .hasPassedElement("TaskReserveStock", 2)
        .hasPassedElement("CatchStockAvailable")
        .isWaitingAtElements("CatchWmsShipped");
  }

  @Test
  void aShortOrderIsCancelledWhenOpsDecideSo() {
    final OrderCase order = receive();
    freeToShip();
    completeJob(
        "pinflow.order.reserve-stock", Map.of("stockReserved", false, "shortageSummary", "x"));

    completeUserTask(
        "UserTaskResolveStockShortage",
        Map.of("decision", "CANCEL_ORDER", "comment", "discontinued"));
    final ActivatedJob release = completeJob("pinflow.order.release-stock", Map.of());
    final ActivatedJob cancelled = completeJob("pinflow.order.mark-cancelled", Map.of());

    assertThat(release.getVariablesAsMap()).containsEntry("orderSn", order.orderSn());
    assertThat(cancelled.getVariablesAsMap())
        .containsEntry("cancelReason", "cancelled for lack of stock");
    order
        .instance()
        .hasPassedElementsInOrder(
            "BoundaryOrderCancelled", "TaskReleaseStock", "TaskMarkCancelled", "EndOrderCancelled")
        .hasNotPassedElement("TaskSendToWms")
        .isCompleted();
  }

  @Test
  void aCancellationBeforeShipmentCancelsTheWarehouseOrderAndReleasesStock() {
    final OrderCase order = receive();
    freeToShip();
    reserved();
    completeJob("pinflow.order.send-to-wms", Map.of());

    publish("order-cancel-requested", order.orderSn(), Map.of("cancelReason", "buyer asked"));
    final ActivatedJob cancelAtWms =
        completeJob("pinflow.order.cancel-at-wms", Map.of("cancelOutcome", "CANCELLED"));
    completeJob("pinflow.order.release-stock", Map.of());
    final ActivatedJob cancelled = completeJob("pinflow.order.mark-cancelled", Map.of());

    assertThat(cancelAtWms.getVariablesAsMap()).containsEntry("orderSn", order.orderSn());
    assertThat(cancelled.getVariablesAsMap()).containsEntry("cancelReason", "buyer asked");
    order
        .instance()
        .hasPassedElementsInOrder(
            "StartCancelRequested",
            "TaskCancelAtWms",
            "TaskReleaseStock",
            "TaskMarkCancelled",
            "EndOrderCancelled")
        .hasNotPassedElement("TaskRecordShipment")
        .hasNotPassedElement("TaskUploadTracking")
        .isCompleted();
  }

  @Test
  void aCancellationTheWarehouseRefusesLeavesTheOrderRunning() {
    final OrderCase order = receive();
    freeToShip();
    reserved();
    completeJob("pinflow.order.send-to-wms", Map.of());

    publish("order-cancel-requested", order.orderSn(), Map.of("cancelReason", "too late"));
    completeJob("pinflow.order.cancel-at-wms", Map.of("cancelOutcome", "REFUSED_SHIPPED"));
    completeJob("pinflow.order.record-cancel-refused", Map.of());
    shippedBy(order.orderSn(), "SF100002");
    completeJob("pinflow.order.record-shipment", Map.of());
    completeJob("pinflow.order.upload-tracking", Map.of());

    order
        .instance()
        .hasPassedElementsInOrder("TaskCancelAtWms", "TaskRecordCancelRefused", "EndCancelRefused")
        .hasPassedElement("TaskRecordShipment")
        .hasNotPassedElement("TaskReleaseStock")
        .isWaitingAtElements("GatewayAwaitDelivery");
  }

  @Test
  void theShipByClockWarnsBeforeTheDeadlineAndRecordsTheBreach() {
    final Instant now = Instant.ofEpochMilli(engine.currentTimeMillis());
    final OrderCase order = receive(now.plus(Duration.ofHours(48)));
    freeToShip();
    reserved();
    completeJob("pinflow.order.send-to-wms", Map.of());

    passTime(Duration.ofHours(43));
    final ActivatedJob flag = completeJob("pinflow.order.flag-ship-by-risk", Map.of());
    final ActivatedJob warning = userTask("UserTaskShipByAtRisk");
    passTime(Duration.ofHours(6));
    completeJob("pinflow.order.record-ship-by-breach", Map.of());
    shippedBy(order.orderSn(), "SF100003");
    completeJob("pinflow.order.record-shipment", Map.of());
    completeJob("pinflow.order.upload-tracking", Map.of());
    forgetUserTask(warning);

    assertThat(flag.getVariablesAsMap()).containsEntry("orderSn", order.orderSn());
    assertThat(warning.getCustomHeaders().get("io.camunda.zeebe:candidateGroups"))
        .isEqualTo("[\"WAREHOUSE\",\"OPS_LEAD\"]");
    order
        .instance()
        .hasPassedElementsInOrder("StartShipByAtRisk", "TaskFlagShipByAtRisk")
        .hasPassedElementsInOrder(
            "StartShipByBreached", "TaskRecordShipByBreach", "EndShipByBreachRecorded")
        .hasNotPassedElement("EndShipByAtRiskHandled")
        .isWaitingAtElements("GatewayAwaitDelivery");
  }

  @Test
  void aDuplicateWarehouseEventChangesNothing() {
    final OrderCase order = receive();
    freeToShip();
    reserved();
    completeJob("pinflow.order.send-to-wms", Map.of());

    shippedBy(order.orderSn(), "SF100004");
    final var duplicate =
        client
            .newPublishMessageCommand()
            .messageName("wms-shipped")
            .correlationKey(order.orderSn())
            .messageId("wms-event-SF100004")
            .timeToLive(Duration.ofMinutes(10))
            .send();
    completeJob("pinflow.order.record-shipment", Map.of());
    completeJob("pinflow.order.upload-tracking", Map.of());

    assertThat((Future<?>) duplicate).failsWithin(Duration.ofSeconds(5));
    order
        .instance()
        .hasPassedElement("CatchWmsShipped", 1)
        .hasPassedElement("TaskRecordShipment", 1)
        .isWaitingAtElements("GatewayAwaitDelivery");
  }

  @Test
  void aRejectedDeliveryOrderGoesToTheWarehouseTeamAndIsSentAgain() {
    final OrderCase order = receive();
    freeToShip();
    reserved();

    throwError(
        "pinflow.order.send-to-wms",
        "WMS_REJECTED",
        Map.of("wmsRejectReason", "unknown SKU SKU-X"));
    final ActivatedJob task = userTask("UserTaskResolveWmsRejection");
    assertThat(task.getVariablesAsMap()).containsEntry("wmsRejectReason", "unknown SKU SKU-X");
    completeUserTask("UserTaskResolveWmsRejection", Map.of("decision", "RETRY"));
    completeJob("pinflow.order.send-to-wms", Map.of());

    order
        .instance()
        .hasPassedElement("BoundaryWmsRejected")
        .hasPassedElement("GatewaySendAgain", 2)
        .isWaitingAtElements("CatchWmsShipped");
  }

  @Test
  void aShippedOrderCompletesAutomaticallyWhenNoDeliveryIsReported() {
    final OrderCase order = receive();
    freeToShip();
    reserved();
    completeJob("pinflow.order.send-to-wms", Map.of());
    shippedBy(order.orderSn(), "SF100005");
    completeJob("pinflow.order.record-shipment", Map.of());
    completeJob("pinflow.order.upload-tracking", Map.of());

    passTime(Duration.ofDays(10).plusMinutes(1));
    completeJob("pinflow.order.complete", Map.of());

    order
        .instance()
        .hasPassedElementsInOrder("TimerAutoComplete", "TaskCompleteOrder", "EndOrderCompleted")
        .hasNotPassedElement("TaskMarkDelivered")
        .isCompleted();
  }

  // ---- re-driven after a restart: started before the step the stored state points at

  /** The variables Pinflow re-drives an order with (as at intake), plus {@code extra}. */
  private static Map<String, Object> redriveVariables(
      final String orderSn, final Instant lastShipTime, final Map<String, Object> extra) {
    final Map<String, Object> variables = new HashMap<>();
    variables.put("orderSn", orderSn);
    variables.put("businessKey", orderSn);
    variables.put("shopId", "demo-shop");
    variables.put("lastShipTime", lastShipTime.toString());
    variables.put("shipByWarningAt", lastShipTime.minus(Duration.ofHours(6)).toString());
    variables.put("autoCompleteAfter", "P10D");
    variables.put("shipByWarningHandled", false);
    variables.putAll(extra);
    return variables;
  }

  private static Instant engineNow() {
    return Instant.ofEpochMilli(engine.currentTimeMillis());
  }

  @Test
  void anOrderRedrivenWhileAtTheWarehouseWaitsForTheShipmentWithItsShipByClockRearmed() {
    final String orderSn = newOrderSn();
    // the ship-by time passed while the application was down
    final var instance =
        startBefore(
            "order-to-ship",
            redriveVariables(orderSn, engineNow().minus(Duration.ofHours(1)), Map.of()),
            "CatchWmsShipped");
    // timers already due fire at the engine's next due-date check
    passTime(Duration.ofSeconds(1));

    completeJob("pinflow.order.flag-ship-by-risk", Map.of());
    completeJob("pinflow.order.record-ship-by-breach", Map.of());
    final ActivatedJob warning = userTask("UserTaskShipByAtRisk");
    shippedBy(orderSn, "SF200001");
    final ActivatedJob record = completeJob("pinflow.order.record-shipment", Map.of());
    completeJob("pinflow.order.upload-tracking", Map.of());
    forgetUserTask(warning);

    assertThat(record.getVariablesAsMap()).containsEntry("trackingNumber", "SF200001");
    assertThatInstance(instance)
        .hasNotPassedElement("TaskSendToWms")
        .hasPassedElementsInOrder("CatchWmsShipped", "TaskRecordShipment", "TaskUploadTracking")
        .hasPassedElement("TaskRecordShipByBreach")
        .isWaitingAtElements("GatewayAwaitDelivery");
  }

  @Test
  void aShipByWarningHandledBeforeTheRestartIsNotRaisedAgain() {
    final String orderSn = newOrderSn();
    final var instance =
        startBefore(
            "order-to-ship",
            redriveVariables(
                orderSn,
                engineNow().plus(Duration.ofHours(2)),
                Map.of("shipByWarningHandled", true)),
            "CatchWmsShipped");
    // the warning time passed during the restart: its timer fires at the next due-date check
    passTime(Duration.ofSeconds(1));

    completeJob("pinflow.order.flag-ship-by-risk", Map.of());

    assertThatInstance(instance)
        .hasPassedElementsInOrder(
            "TaskFlagShipByAtRisk", "GatewayWarningHandled", "EndShipByAtRiskHandledBefore")
        .hasNotPassedElement("UserTaskShipByAtRisk")
        .isWaitingAtElements("CatchWmsShipped");
  }

  @Test
  void aRequestedCancellationIsRedrivenBesideTheFulfilmentAndEndsIt() {
    final String orderSn = newOrderSn();
    final var instance =
        startBefore(
            "order-to-ship",
            redriveVariables(
                orderSn,
                engineNow().plus(Duration.ofHours(48)),
                Map.of("cancelReason", "buyer asked")),
            "CatchWmsShipped",
            "TaskCancelAtWms");

    completeJob("pinflow.order.cancel-at-wms", Map.of("cancelOutcome", "CANCELLED"));
    completeJob("pinflow.order.release-stock", Map.of());
    final ActivatedJob cancelled = completeJob("pinflow.order.mark-cancelled", Map.of());

    assertThat(cancelled.getVariablesAsMap()).containsEntry("cancelReason", "buyer asked");
    assertThatInstance(instance)
        .hasPassedElementsInOrder("TaskCancelAtWms", "TaskReleaseStock", "TaskMarkCancelled")
        .hasNotPassedElement("TaskRecordShipment")
        .isCompleted();
  }

  @Test
  void anOrderRedrivenWhileWaitingForStockReservesWhenStockArrives() {
    final String orderSn = newOrderSn();
    final var instance =
        startBefore(
            "order-to-ship",
            redriveVariables(orderSn, engineNow().plus(Duration.ofHours(48)), Map.of()),
            "GatewayWaitForStock");

    publish("stock-available", orderSn, Map.of());
    reserved();

    assertThatInstance(instance)
        .hasNotPassedElement("UserTaskResolveStockShortage")
        .hasPassedElementsInOrder("CatchStockAvailable", "TaskReserveStock")
        .isWaitingAtElements("TaskSendToWms");
  }

  @Test
  void aShippedOrderRedrivenCompletesAfterWhatIsLeftOfItsAutoCompletion() {
    final String orderSn = newOrderSn();
    final var instance =
        startBefore(
            "order-to-ship",
            redriveVariables(
                orderSn,
                engineNow().minus(Duration.ofHours(10)),
                Map.of("autoCompleteAfter", "PT2H")),
            "GatewayAwaitDelivery");

    passTime(Duration.ofHours(2).plusMinutes(1));
    completeJob("pinflow.order.complete", Map.of());

    assertThatInstance(instance)
        .hasNotPassedElement("SubProcessFulfilOrder")
        .hasPassedElementsInOrder("TimerAutoComplete", "TaskCompleteOrder", "EndOrderCompleted")
        .isCompleted();
  }
}
