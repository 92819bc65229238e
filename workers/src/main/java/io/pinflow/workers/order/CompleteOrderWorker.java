package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.order.complete}: COMPLETED, after delivery or automatically after the configured
 * days.
 */
@Component
public class CompleteOrderWorker {

  private final Orders orders;

  public CompleteOrderWorker(final Orders orders) {
    this.orders = orders;
  }

  @JobWorker(type = "pinflow.order.complete")
  public void complete(@VariablesAsType final OrderInput input) {
    orders.complete(input.orderSn());
  }
}
