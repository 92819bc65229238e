package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.order.release-stock}: gives the order's reservation back to available stock
 * (once).
 */
@Component
public class ReleaseStockWorker {

  private final Orders orders;

  public ReleaseStockWorker(final Orders orders) {
    this.orders = orders;
  }

  @JobWorker(type = "pinflow.order.release-stock")
  public void releaseStock(@VariablesAsType final OrderInput input) {
    orders.releaseStock(input.orderSn());
  }
}
