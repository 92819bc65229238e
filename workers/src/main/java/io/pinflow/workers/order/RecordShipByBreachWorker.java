package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/** {@code pinflow.order.record-ship-by-breach}: records that the order missed its ship-by time. */
@Component
public class RecordShipByBreachWorker {

  private final Orders orders;

  public RecordShipByBreachWorker(final Orders orders) {
    this.orders = orders;
  }

  @JobWorker(type = "pinflow.order.record-ship-by-breach")
  public void recordShipByBreach(@VariablesAsType final OrderInput input) {
    orders.recordShipByBreach(input.orderSn());
  }
}
