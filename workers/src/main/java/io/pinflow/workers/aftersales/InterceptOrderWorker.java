package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.intercept-order}: asks the order's process to cancel the unshipped
 * order: CANCELLED already, REQUESTED (the answer comes as a message) or REFUSED (it shipped).
 */
@Component
public class InterceptOrderWorker {

  private final Orders orders;

  public InterceptOrderWorker(final Orders orders) {
    this.orders = orders;
  }

  public record Input(String afterSalesId, String orderSn) {}

  public record Output(String interceptOutcome) {}

  @JobWorker(type = "pinflow.aftersales.intercept-order")
  public Output interceptOrder(@VariablesAsType final Input input) {
    try {
      final var state =
          orders.requestCancel(input.orderSn(), "refund " + input.afterSalesId(), "after-sales");
      return new Output(state == Orders.CancelState.CANCELLED ? "CANCELLED" : "REQUESTED");
    } catch (final ConflictException shipped) {
      return new Output("REFUSED");
    }
  }
}
