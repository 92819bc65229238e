package io.pinflow.workers.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesCase;
import io.pinflow.domain.aftersales.AfterSalesStatus;
import io.pinflow.domain.aftersales.AfterSalesType;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.OrderStatus;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.order.Receiver;
import io.pinflow.domain.order.WmsState;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.stock.StockLedger;
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

/** Where an after-sales case's process starts again, from what the database holds about it. */
class AfterSalesRedrivePlannerTest {

  private static final String ID = "AS-1";
  private static final String SN = "261124-100000000000002";
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final AfterSales afterSales = mock(AfterSales.class);
  private final Orders orders = mock(Orders.class);
  private final WarehouseEvents warehouse = mock(WarehouseEvents.class);
  private final StockLedger stock = mock(StockLedger.class);
  private final TaskInbox inbox = mock(TaskInbox.class);
  private final AfterSalesRedrivePlanner planner =
      new AfterSalesRedrivePlanner(
          afterSales, orders, warehouse, stock, inbox, Clock.fixed(NOW, ZoneOffset.UTC));

  private RedrivePlan plan(final AfterSalesCase c) {
    when(afterSales.find(ID)).thenReturn(c);
    when(afterSales.processVariables(c)).thenReturn(Map.of("afterSalesId", ID));
    when(afterSales.settings())
        .thenReturn(
            new AfterSales.Settings(
                Duration.ofHours(48),
                Duration.ofHours(4),
                Duration.ofDays(7),
                Duration.ofHours(1)));
    when(stock.held(any())).thenReturn(Map.of());
    return planner.plan(ID).orElseThrow();
  }

  @Test
  void aCaseTheBuyerWithdrewClosesWhateverStepItHadReached() {
    final AfterSalesCase waiting =
        afterSales(
            AfterSalesType.RETURN_REFUND, AfterSalesStatus.AWAITING_RETURN, "AUTO_APPROVE", null);
    final RedrivePlan plan = plan(withdrawn(waiting));

    assertThat(plan.startBefore()).containsExactly("TaskCloseWithdrawn");
    assertThat(plan.supersededMessageNames()).contains(MessageNames.AFTER_SALES_WITHDRAWN);
    assertThat(plan.reason()).contains("withdrew");
  }

  @Test
  void aReviewRejectedBeforeTheStopIsRecordedWithoutAskingAgain() {
    when(inbox.decisions(ID))
        .thenReturn(
            List.of(
                decided(
                    "UserTaskReviewAfterSales",
                    NOW.minusSeconds(10),
                    Map.of("decision", "REJECT", "comment", "used"))));

    final RedrivePlan plan =
        plan(afterSales(AfterSalesType.REFUND_ONLY, AfterSalesStatus.OPEN, "REVIEW", null));

    assertThat(plan.startBefore()).containsExactly("TaskRecordRefusal");
    assertThat(plan.variables())
        .containsEntry("reviewDecision", "REJECT")
        .containsEntry("reviewComment", "used")
        .containsEntry("decisionResult", Map.of("decision", "REVIEW", "rule", "rule"));
  }

  @Test
  void aReviewDecidedBeforeTheCaseLastChangedBelongsToAnEarlierRoundAndIsAskedAgain() {
    when(inbox.decisions(ID))
        .thenReturn(
            List.of(
                decided(
                    "UserTaskReviewAfterSales",
                    NOW.minus(Duration.ofDays(2)),
                    Map.of("decision", "APPROVE"))));

    final RedrivePlan plan =
        plan(afterSales(AfterSalesType.REFUND_ONLY, AfterSalesStatus.OPEN, "REVIEW", null));

    assertThat(plan.startBefore()).containsExactly("UserTaskReviewAfterSales");
  }

  @Test
  void aRefundWhoseOrderIsBeingCancelledWaitsForTheCancellationToSettle() {
    when(orders.find(SN)).thenReturn(order(OrderStatus.SENT_TO_WMS, NOW, "refund " + ID));

    final RedrivePlan plan =
        plan(afterSales(AfterSalesType.REFUND_ONLY, AfterSalesStatus.OPEN, "AUTO_APPROVE", null));

    assertThat(plan.startBefore()).containsExactly("CatchOrderCancelOutcome");
  }

  @Test
  void aRefundWhoseOrderShippedBeforeTheCancellationGotThereGoesTheReturnPath() {
    when(orders.find(SN)).thenReturn(order(OrderStatus.SHIPPED, null, "refund " + ID));

    final RedrivePlan plan =
        plan(afterSales(AfterSalesType.REFUND_ONLY, AfterSalesStatus.OPEN, "AUTO_APPROVE", null));

    assertThat(plan.startBefore()).containsExactly("TaskAgreeReturn");
  }

  @Test
  void aReturnTheWarehouseReceivedIsRecordedWithItsInspection() {
    when(warehouse.ofOrder(SN))
        .thenReturn(
            List.of(new WmsEvent("wms-2", WmsEvent.RETURN_RECEIVED, SN, ID, null, null, "OK")));

    final RedrivePlan plan =
        plan(
            afterSales(
                AfterSalesType.RETURN_REFUND,
                AfterSalesStatus.AWAITING_RETURN,
                "AUTO_APPROVE",
                null));

    assertThat(plan.startBefore()).containsExactly("TaskRecordReturnReceived");
    assertThat(plan.variables()).containsEntry("inspection", "OK");
  }

  @Test
  void aDamagedReturnWithAPartialRefundDecidedIsRefundedThatAmount() {
    when(inbox.decisions(ID))
        .thenReturn(
            List.of(
                decided(
                    "UserTaskDamagedReturn",
                    NOW.minusSeconds(5),
                    Map.of("decision", "PARTIAL_REFUND", "partialRefundFen", 1200))));

    final RedrivePlan plan =
        plan(
            afterSales(
                AfterSalesType.RETURN_REFUND,
                AfterSalesStatus.INSPECTING,
                "AUTO_APPROVE",
                "DAMAGED"));

    assertThat(plan.startBefore()).containsExactly("TaskAgreeRefund");
    assertThat(plan.variables()).containsEntry("approvedRefundFen", 1200);
  }

  private static TaskDecision decided(
      final String element, final Instant completedAt, final Map<String, Object> variables) {
    return new TaskDecision(
        "t-" + element,
        "refund-return",
        element,
        UserTask.Status.COMPLETED,
        completedAt.minusSeconds(30),
        completedAt,
        "mei",
        variables);
  }

  private static AfterSalesCase withdrawn(final AfterSalesCase c) {
    return new AfterSalesCase(
        c.afterSalesId(),
        c.shopId(),
        c.orderSn(),
        c.type(),
        c.status(),
        c.source(),
        c.reason(),
        c.refundAmountFen(),
        c.refundedAmountFen(),
        c.expireTime(),
        c.orderShipped(),
        c.buyerRecentCases(),
        c.decision(),
        c.decisionRule(),
        c.outcome(),
        c.missedDeadline(),
        c.refusalReason(),
        c.inspection(),
        c.replacementTracking(),
        c.openedAt(),
        c.closedAt(),
        NOW.minus(Duration.ofMinutes(5)),
        c.updatedAt(),
        c.version());
  }

  private static AfterSalesCase afterSales(
      final AfterSalesType type,
      final AfterSalesStatus status,
      final String decision,
      final String inspection) {
    return new AfterSalesCase(
        ID,
        "demo-shop",
        SN,
        type,
        status,
        AfterSales.SOURCE_API,
        "QUALITY",
        5000,
        null,
        NOW.plus(Duration.ofHours(40)),
        true,
        0,
        decision,
        "rule",
        null,
        false,
        null,
        inspection,
        null,
        NOW.minus(Duration.ofHours(1)),
        null,
        null,
        NOW.minus(Duration.ofMinutes(30)),
        2);
  }

  private static Order order(
      final OrderStatus status, final Instant cancelRequestedAt, final String cancelReason) {
    return new Order(
        SN,
        "demo-shop",
        status,
        Order.SOURCE_API,
        NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(1)),
        5000,
        5000,
        new Receiver(null, null, null),
        Order.Holds.NONE,
        WmsState.SUBMITTED,
        cancelRequestedAt,
        cancelReason,
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        NOW.minus(Duration.ofDays(1)),
        NOW.minus(Duration.ofHours(1)),
        3,
        List.of(),
        List.of());
  }
}
