package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.order.record-cancel-refused}: the warehouse had shipped: the cancellation is
 * refused and the order goes on.
 */
@Component
public class RecordCancelRefusedWorker {

  private final Orders orders;

  public RecordCancelRefusedWorker(final Orders orders) {
    this.orders = orders;
  }

  @JobWorker(type = "pinflow.order.record-cancel-refused")
  public void recordCancelRefused(@VariablesAsType final OrderInput input) {
    orders.cancelRefused(input.orderSn(), "the warehouse has shipped the order already");
  }
}
