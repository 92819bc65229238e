package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.order.mark-cancelled}: the order is CANCELLED, with the reason on its timeline.
 */
@Component
public class MarkCancelledWorker {

  private final Orders orders;

  public MarkCancelledWorker(final Orders orders) {
    this.orders = orders;
  }

  public record Input(String orderSn, String cancelReason) {}

  @JobWorker(type = "pinflow.order.mark-cancelled")
  public void markCancelled(@VariablesAsType final Input input) {
    orders.markCancelled(input.orderSn(), input.cancelReason());
  }
}
