package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddLogistics;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.order.Shipment;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.order.upload-tracking}: carrier and tracking number to PDD. A parcel uploaded
 * before (redelivered job) is not uploaded again.
 */
@Component
public class UploadTrackingWorker {

  private final Orders orders;
  private final PddLogistics logistics;

  public UploadTrackingWorker(final Orders orders, final PddLogistics logistics) {
    this.orders = orders;
    this.logistics = logistics;
  }

  public record Input(String orderSn, String shopId, String carrier, String trackingNumber) {}

  @JobWorker(type = "pinflow.order.upload-tracking")
  public void uploadTracking(@VariablesAsType final Input input) {
    final Order order = orders.find(input.orderSn());
    final boolean uploaded =
        order.shipments().stream()
            .filter(s -> s.trackingNumber().equals(input.trackingNumber()))
            .map(Shipment::uploadedAt)
            .anyMatch(at -> at != null);
    if (uploaded) {
      return;
    }
    logistics.send(order.shopId(), input.orderSn(), input.carrier(), input.trackingNumber());
    orders.trackingUploaded(
        input.orderSn(),
        input.trackingNumber(),
        "pdd.logistics.online.send " + input.carrier() + " " + input.trackingNumber());
  }
}
