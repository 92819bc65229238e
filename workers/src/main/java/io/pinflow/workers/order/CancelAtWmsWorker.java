package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.wms.WmsOutbound;
import io.pinflow.connectors.wms.WmsOutcome;
import io.pinflow.domain.order.OrderStatus;
import io.pinflow.domain.order.Orders;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.order.cancel-at-wms}: cancels the warehouse's delivery order, if one exists. While
 * a delivery order is being sent the job fails and is retried, so that no order reaches the
 * warehouse behind the cancellation's back. The answer is CANCELLED, or REFUSED_SHIPPED when the
 * parcel has left.
 */
@Component
public class CancelAtWmsWorker {

  static final String CANCELLED = "CANCELLED";
  static final String REFUSED = "REFUSED_SHIPPED";

  private final Orders orders;
  private final WmsOutbound wms;

  public CancelAtWmsWorker(final Orders orders, final WmsOutbound wms) {
    this.orders = orders;
    this.wms = wms;
  }

  public record Output(String cancelOutcome) {}

  @JobWorker(type = "pinflow.order.cancel-at-wms")
  public Output cancelAtWms(@VariablesAsType final OrderInput input) {
    if (!orders.find(input.orderSn()).status().isBeforeShipment()
        && orders.find(input.orderSn()).status() != OrderStatus.CANCELLED) {
      return new Output(REFUSED);
    }
    if (!orders.beginWmsCancel(input.orderSn())) {
      return new Output(CANCELLED);
    }
    final WmsOutcome outcome = wms.cancel(input.orderSn());
    return switch (outcome.result()) {
      case CANCELLED, NOT_FOUND -> {
        orders.wmsCancelled(input.orderSn());
        yield new Output(CANCELLED);
      }
      case ALREADY_SHIPPED -> new Output(REFUSED);
      default ->
          throw new IllegalStateException(
              "the WMS answered the cancellation with " + outcome.result());
    };
  }
}
