package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/** {@code pinflow.order.check-holds}: whether the platform still keeps the order from shipping. */
@Component
public class CheckHoldsWorker {

  private final Orders orders;

  public CheckHoldsWorker(final Orders orders) {
    this.orders = orders;
  }

  public record Output(boolean onHold, String holdReason) {}

  @JobWorker(type = "pinflow.order.check-holds")
  public Output checkHolds(@VariablesAsType final OrderInput input) {
    final Order.Holds holds = orders.holds(input.orderSn());
    return new Output(holds.any(), holds.describe());
  }
}
