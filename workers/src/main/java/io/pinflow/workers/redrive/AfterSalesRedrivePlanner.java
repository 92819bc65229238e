package io.pinflow.workers.redrive;

import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesCase;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.OrderStatus;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.stock.StockLedger;
import io.pinflow.domain.stock.StockOwner;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.warehouse.WarehouseEvents;
import io.pinflow.domain.warehouse.WmsEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code refund-return} from the case's stored state. The review's deadline timer comes back from
 * the platform's expiry time; the return window counts from when the return was agreed.
 *
 * <table>
 *   <caption>After-sales status → where the process starts again</caption>
 *   <tr><th>Status (and what else is stored)</th><th>Step</th></tr>
 *   <tr><td>any open status, the buyer withdrew the request</td><td>TaskCloseWithdrawn</td></tr>
 *   <tr><td>OPEN, not decided</td><td>BusinessRuleTaskDecide</td></tr>
 *   <tr><td>OPEN, REVIEW, deadline not missed, review not decided</td>
 *       <td>UserTaskReviewAfterSales</td></tr>
 *   <tr><td>OPEN, review decided REJECT</td><td>TaskRecordRefusal</td></tr>
 *   <tr><td>OPEN, approved, REFUND_ONLY: order cancelled</td><td>TaskAgreeRefund</td></tr>
 *   <tr><td>… the case's cancellation of the order under way</td>
 *       <td>CatchOrderCancelOutcome</td></tr>
 *   <tr><td>… the order shipped before the cancellation got there</td>
 *       <td>TaskAgreeReturn</td></tr>
 *   <tr><td>… otherwise</td><td>TaskCheckShipment</td></tr>
 *   <tr><td>OPEN, approved, RETURN_REFUND</td><td>TaskAgreeReturn</td></tr>
 *   <tr><td>OPEN, approved, EXCHANGE or RESEND: the WMS shipped the replacement</td>
 *       <td>TaskUploadReplacement</td></tr>
 *   <tr><td>… replacement reserved</td><td>TaskSendReplacement (idempotent per case)</td></tr>
 *   <tr><td>… otherwise</td><td>TaskReserveReplacement</td></tr>
 *   <tr><td>AWAITING_RETURN, the WMS reported the parcel</td><td>TaskRecordReturnReceived</td></tr>
 *   <tr><td>AWAITING_RETURN</td><td>GatewayAwaitReturn</td></tr>
 *   <tr><td>INSPECTING, inspection OK</td><td>TaskRestock</td></tr>
 *   <tr><td>INSPECTING, restocked</td><td>TaskAgreeRefund</td></tr>
 *   <tr><td>INSPECTING, damaged, decided</td><td>TaskAgreeRefund or TaskRecordRefusal</td></tr>
 *   <tr><td>INSPECTING, damaged</td><td>UserTaskDamagedReturn</td></tr>
 * </table>
 */
@Component
class AfterSalesRedrivePlanner implements RedrivePlanner {

  static final String PROCESS = "refund-return";
  static final String REVIEW_TASK = "UserTaskReviewAfterSales";
  static final String DAMAGED_TASK = "UserTaskDamagedReturn";

  private final AfterSales afterSales;
  private final Orders orders;
  private final WarehouseEvents warehouse;
  private final StockLedger stock;
  private final TaskInbox inbox;
  private final Clock clock;

  AfterSalesRedrivePlanner(
      final AfterSales afterSales,
      final Orders orders,
      final WarehouseEvents warehouse,
      final StockLedger stock,
      final TaskInbox inbox,
      final Clock clock) {
    this.afterSales = afterSales;
    this.orders = orders;
    this.warehouse = warehouse;
    this.stock = stock;
    this.inbox = inbox;
    this.clock = clock;
  }

  @Override
  public String businessType() {
    return AfterSales.BUSINESS_TYPE;
  }

  @Override
  public List<String> unfinished() {
    return afterSales.unfinished();
  }

  @Override
  public Optional<RedrivePlan> plan(final String afterSalesId) {
    final AfterSalesCase c = afterSales.find(afterSalesId);
    if (c.status().isFinal()) {
      return Optional.empty();
    }
    final Decisions decisions = new Decisions(inbox.decisions(afterSalesId));
    final List<WmsEvent> events =
        warehouse.ofOrder(c.orderSn()).stream()
            .filter(e -> afterSalesId.equals(e.afterSalesId()))
            .toList();
    final Plans plan =
        new Plans(
                businessType(),
                afterSalesId,
                c.orderSn(),
                c.shopId(),
                PROCESS,
                afterSales.processVariables(c))
            .supersedes(MessageNames.AFTER_SALES_OPENED + ":" + afterSalesId);
    if (c.withdrawnAt() != null) {
      // the withdrawal may have reached the earlier engine run only: it is not told again
      return plan.supersedesAll(MessageNames.AFTER_SALES_WITHDRAWN)
          .startBefore("TaskCloseWithdrawn", "the buyer withdrew the request")
          .plan();
    }
    if (c.decision() != null) {
      final Map<String, Object> decisionResult = new LinkedHashMap<>();
      decisionResult.put("decision", c.decision());
      decisionResult.put("rule", c.decisionRule() == null ? "" : c.decisionRule());
      plan.put("decisionResult", decisionResult);
    }
    switch (c.status()) {
      case OPEN -> open(plan, c, decisions, events);
      case AWAITING_RETURN -> {
        final Optional<WmsEvent> received = ofType(events, WmsEvent.RETURN_RECEIVED);
        if (received.isPresent()) {
          plan.startBefore(
                  "TaskRecordReturnReceived",
                  "the WMS reported the return parcel " + received.get().eventId())
              .put("inspection", received.get().inspection());
        } else {
          plan.startBefore("GatewayAwaitReturn", "return agreed: waiting for the parcel")
              .put(
                  "returnWindow",
                  Plans.remaining(
                      afterSales.settings().returnWindow(), c.updatedAt(), clock.instant()));
        }
      }
      case INSPECTING -> inspecting(plan, c, decisions);
      default -> throw new IllegalStateException("closed case " + afterSalesId);
    }
    return plan.plan();
  }

  private void open(
      final Plans plan,
      final AfterSalesCase c,
      final Decisions decisions,
      final List<WmsEvent> events) {
    if (c.decision() == null) {
      plan.startBefore("BusinessRuleTaskDecide", "opened: deciding");
      return;
    }
    if ("REVIEW".equals(c.decision()) && !c.missedDeadline()) {
      final Optional<TaskDecision> review = decisions.decidedAfter(REVIEW_TASK, c.updatedAt());
      if (review.isEmpty()) {
        plan.startBefore("UserTaskReviewAfterSales", "waiting for customer service's review");
        return;
      }
      plan.put("reviewDecision", review.get().text("decision"))
          .put("reviewComment", review.get().text("comment"));
      if ("REJECT".equals(review.get().text("decision"))) {
        plan.startBefore("TaskRecordRefusal", "customer service refused");
        return;
      }
    }
    final String why =
        c.missedDeadline()
            ? "the platform agreed at the deadline"
            : "REVIEW".equals(c.decision()) ? "customer service approved" : "approved";
    switch (c.type()) {
      case REFUND_ONLY -> refundOnly(plan, c, why);
      case RETURN_REFUND -> plan.startBefore("TaskAgreeReturn", why + ": agreeing the return");
      case EXCHANGE, RESEND -> replacement(plan, c, why, events);
    }
  }

  private void refundOnly(final Plans plan, final AfterSalesCase c, final String why) {
    final Order order = orders.find(c.orderSn());
    final boolean interceptedByThisCase =
        ("refund " + c.afterSalesId()).equals(order.cancelReason());
    if (order.status() == OrderStatus.CANCELLED) {
      plan.startBefore("TaskAgreeRefund", why + ", the order is cancelled: refunding")
          .put("interceptOutcome", "CANCELLED");
    } else if (interceptedByThisCase && order.isCancelRequested()) {
      plan.startBefore(
              "CatchOrderCancelOutcome", why + ": waiting for the order's cancellation to settle")
          .put("interceptOutcome", "REQUESTED");
    } else if (interceptedByThisCase && !order.status().isBeforeShipment()) {
      plan.startBefore("TaskAgreeReturn", why + ", the order shipped meanwhile: return first")
          .put("interceptOutcome", "REFUSED");
    } else {
      plan.startBefore("TaskCheckShipment", why + ": checking whether the order shipped");
    }
  }

  private void replacement(
      final Plans plan, final AfterSalesCase c, final String why, final List<WmsEvent> events) {
    final Optional<WmsEvent> shipped = ofType(events, WmsEvent.SHIPPED);
    if (shipped.isPresent()) {
      plan.startBefore(
              "TaskUploadReplacement",
              why + ", the WMS shipped the replacement " + shipped.get().eventId())
          .put("replacementCarrier", shipped.get().carrier())
          .put("replacementTracking", shipped.get().trackingNumber());
    } else if (!stock
        .held(new StockOwner(StockOwner.Type.REPLACEMENT, c.afterSalesId()))
        .isEmpty()) {
      plan.startBefore(
          "TaskSendReplacement", why + ", replacement reserved: to the WMS (idempotent per case)");
    } else {
      plan.startBefore("TaskReserveReplacement", why + ": reserving the replacement");
    }
  }

  private static void inspecting(
      final Plans plan, final AfterSalesCase c, final Decisions decisions) {
    plan.put("inspection", c.inspection());
    switch (c.inspection() == null ? "" : c.inspection()) {
      case "OK" -> plan.startBefore("TaskRestock", "return inspected OK: back into stock");
      case "RESTOCKED" -> plan.startBefore("TaskAgreeRefund", "return restocked: refunding");
      default -> {
        final Optional<TaskDecision> decided = decisions.decidedAfter(DAMAGED_TASK, c.updatedAt());
        if (decided.isEmpty()) {
          plan.startBefore("UserTaskDamagedReturn", "damaged return: waiting for the decision");
          return;
        }
        final String decision = decided.get().text("decision");
        plan.put("damagedDecision", decision).put("reviewComment", decided.get().text("comment"));
        if ("REFUSE".equals(decision)) {
          plan.startBefore("TaskRecordRefusal", "damaged return: refused");
        } else {
          plan.startBefore("TaskAgreeRefund", "damaged return: " + decision)
              .put(
                  "approvedRefundFen",
                  "PARTIAL_REFUND".equals(decision)
                      ? decided.get().variables().get("partialRefundFen")
                      : c.refundAmountFen());
        }
      }
    }
  }

  private static Optional<WmsEvent> ofType(final List<WmsEvent> events, final String type) {
    return events.stream().filter(e -> type.equals(e.type())).findFirst();
  }
}
