package io.pinflow.workers.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.OrderLine;
import io.pinflow.domain.order.OrderStatus;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.order.Receiver;
import io.pinflow.domain.order.Shipment;
import io.pinflow.domain.order.WmsState;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.task.UserTask;
import io.pinflow.domain.warehouse.WarehouseEvents;
import io.pinflow.domain.warehouse.WmsEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where an order's process starts again, from what the database holds about it. */
class OrderRedrivePlannerTest {

  private static final String SN = "261124-100000000000001";
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final Orders orders = mock(Orders.class);
  private final WarehouseEvents warehouse = mock(WarehouseEvents.class);
  private final TaskInbox inbox = mock(TaskInbox.class);
  private final OrderRedrivePlanner planner =
      new OrderRedrivePlanner(orders, warehouse, inbox, Clock.fixed(NOW, ZoneOffset.UTC));

  private RedrivePlan plan(final Order order) {
    when(orders.find(SN)).thenReturn(order);
    when(orders.processVariables(order)).thenReturn(Map.of("orderSn", SN, "businessKey", SN));
    when(orders.settings())
        .thenReturn(
            new Orders.OrderSettings(
                Duration.ofHours(48),
                Duration.ofHours(6),
                Duration.ofDays(10),
                Duration.ofHours(1)));
    return planner.plan(SN).orElseThrow();
  }

  @Test
  void anOrderTheWarehouseReportedShippedStartsByRecordingTheShipment() {
    when(warehouse.ofOrder(SN))
        .thenReturn(
            List.of(new WmsEvent("wms-1", WmsEvent.SHIPPED, SN, null, "SF", "SF1234567890", null)));

    final RedrivePlan plan = plan(order(OrderStatus.SENT_TO_WMS, null, List.of(), null));

    assertThat(plan.startBefore()).containsExactly("TaskRecordShipment");
    assertThat(plan.variables())
        .containsEntry("carrier", "SF")
        .containsEntry("trackingNumber", "SF1234567890")
        .containsEntry("wmsEventId", "wms-1");
    assertThat(plan.supersededMessageIds()).containsExactly("order-received:" + SN);
  }

  @Test
  void aShortageOpsDecidedToCancelGoesOnWithTheCancellation() {
    when(inbox.decisions(SN))
        .thenReturn(
            List.of(decided("UserTaskResolveStockShortage", Map.of("decision", "CANCEL_ORDER"))));

    final RedrivePlan plan = plan(order(OrderStatus.AWAITING_STOCK, null, List.of(), null));

    assertThat(plan.startBefore()).containsExactly("TaskReleaseStock");
    assertThat(plan.variables()).containsEntry("cancelReason", "cancelled for lack of stock");
  }

  @Test
  void aShortageOpsDecidedToWaitForWaitsForStockWithoutAskingAgain() {
    when(inbox.decisions(SN))
        .thenReturn(
            List.of(decided("UserTaskResolveStockShortage", Map.of("decision", "WAIT_FOR_STOCK"))));

    final RedrivePlan plan = plan(order(OrderStatus.AWAITING_STOCK, null, List.of(), null));

    assertThat(plan.startBefore()).containsExactly("GatewayWaitForStock");
  }

  @Test
  void aRequestedCancellationStartsBesideTheFulfilmentAndSupersedesItsMessage() {
    final RedrivePlan plan = plan(order(OrderStatus.RESERVED, NOW, List.of(), null));

    assertThat(plan.startBefore()).containsExactly("TaskSendToWms", "TaskCancelAtWms");
    assertThat(plan.variables()).containsEntry("cancelReason", "buyer asked");
    assertThat(plan.supersededMessageNames()).containsExactly("order-cancel-requested");
  }

  @Test
  void aShippedOrderUploadsFirstThenWaitsForTheRestOfItsAutoCompletion() {
    final Shipment notUploaded =
        new Shipment("SF1", "SF", Shipment.Kind.ORIGINAL, NOW.minusSeconds(60), null);
    final Shipment uploaded =
        new Shipment(
            "SF1",
            "SF",
            Shipment.Kind.ORIGINAL,
            NOW.minus(Duration.ofDays(3)),
            NOW.minus(Duration.ofDays(3)));

    assertThat(plan(order(OrderStatus.SHIPPED, null, List.of(notUploaded), null)).startBefore())
        .containsExactly("TaskUploadTracking");
    final RedrivePlan waiting = plan(order(OrderStatus.SHIPPED, null, List.of(uploaded), null));
    assertThat(waiting.startBefore()).containsExactly("GatewayAwaitDelivery");
    assertThat(waiting.variables()).containsEntry("autoCompleteAfter", "PT168H");
    assertThat(plan(order(OrderStatus.SHIPPED, null, List.of(uploaded), NOW)).startBefore())
        .containsExactly("TaskMarkDelivered");
  }

  @Test
  void aShipByWarningSomeoneHandledIsMarkedSoThatItIsNotRaisedAgain() {
    when(inbox.decisions(SN))
        .thenReturn(List.of(decided("UserTaskShipByAtRisk", Map.of("comment", "on it"))));

    final RedrivePlan plan = plan(order(OrderStatus.SENT_TO_WMS, null, List.of(), null));

    assertThat(plan.startBefore()).containsExactly("CatchWmsShipped");
    assertThat(plan.variables()).containsEntry("shipByWarningHandled", true);
  }

  private static TaskDecision decided(final String element, final Map<String, Object> variables) {
    return new TaskDecision(
        "t-" + element,
        "order-to-ship",
        element,
        UserTask.Status.COMPLETED,
        NOW.minusSeconds(120),
        NOW.minusSeconds(60),
        "ann",
        variables);
  }

  private static Order order(
      final OrderStatus status,
      final Instant cancelRequestedAt,
      final List<Shipment> shipments,
      final Instant platformReceivedAt) {
    return new Order(
        SN,
        "demo-shop",
        status,
        Order.SOURCE_API,
        NOW.minus(Duration.ofDays(4)),
        NOW.plus(Duration.ofDays(1)),
        2500,
        2500,
        new Receiver("张*", "138****0000", "上海****"),
        Order.Holds.NONE,
        status == OrderStatus.SENT_TO_WMS ? WmsState.SUBMITTED : WmsState.NONE,
        cancelRequestedAt,
        cancelRequestedAt == null ? null : "buyer asked",
        true,
        false,
        null,
        null,
        null,
        null,
        platformReceivedAt,
        NOW.minus(Duration.ofDays(4)),
        NOW.minus(Duration.ofDays(1)),
        3,
        List.of(new OrderLine(1, "SKU-1", 1, 2500)),
        shipments);
  }
}
