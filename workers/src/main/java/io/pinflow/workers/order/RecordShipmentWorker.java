package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/** {@code pinflow.order.record-shipment}: the order is SHIPPED, its parcel known, stock used. */
@Component
public class RecordShipmentWorker {

  private final Orders orders;

  public RecordShipmentWorker(final Orders orders) {
    this.orders = orders;
  }

  public record Input(String orderSn, String carrier, String trackingNumber, String wmsEventId) {}

  @JobWorker(type = "pinflow.order.record-shipment")
  public void recordShipment(@VariablesAsType final Input input) {
    orders.recordShipment(
        input.orderSn(), input.carrier(), input.trackingNumber(), input.wmsEventId());
  }
}
