package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/** {@code pinflow.order.mark-delivered}: the buyer received the parcel: DELIVERED. */
@Component
public class MarkDeliveredWorker {

  private final Orders orders;

  public MarkDeliveredWorker(final Orders orders) {
    this.orders = orders;
  }

  @JobWorker(type = "pinflow.order.mark-delivered")
  public void markDelivered(@VariablesAsType final OrderInput input) {
    orders.markDelivered(input.orderSn());
  }
}
