package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.check-shipment}: whether the case's order has left the warehouse, now.
 */
@Component
public class CheckShipmentWorker {

  private final AfterSales afterSales;

  public CheckShipmentWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String orderSn) {}

  public record Output(boolean orderShipped) {}

  @JobWorker(type = "pinflow.aftersales.check-shipment")
  public Output checkShipment(@VariablesAsType final Input input) {
    return new Output(afterSales.orderShipped(input.orderSn()));
  }
}
