package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/** {@code pinflow.order.flag-ship-by-risk}: flags the order whose ship-by time comes close. */
@Component
public class FlagShipByRiskWorker {

  private final Orders orders;

  public FlagShipByRiskWorker(final Orders orders) {
    this.orders = orders;
  }

  @JobWorker(type = "pinflow.order.flag-ship-by-risk")
  public void flagShipByRisk(@VariablesAsType final OrderInput input) {
    orders.flagShipByAtRisk(input.orderSn());
  }
}
