package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.BpmnError;
import io.pinflow.connectors.wms.DeliveryOrder;
import io.pinflow.connectors.wms.WmsOutbound;
import io.pinflow.connectors.wms.WmsOutcome;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.Orders;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.order.send-to-wms}: the delivery order to the warehouse, with the order number as
 * idempotency key (a redelivered job or a retry after a timeout creates no second one). Not sent
 * when a cancellation is under way; a refusal for good is the BPMN error {@code WMS_REJECTED}.
 */
@Component
public class SendToWmsWorker {

  private final Orders orders;
  private final WmsOutbound wms;

  public SendToWmsWorker(final Orders orders, final WmsOutbound wms) {
    this.orders = orders;
    this.wms = wms;
  }

  @JobWorker(type = "pinflow.order.send-to-wms")
  public void sendToWms(@VariablesAsType final OrderInput input) {
    final Orders.WmsDelivery delivery = orders.beginWmsDelivery(input.orderSn());
    if (!delivery.send()) {
      return;
    }
    final WmsOutcome outcome = wms.create(deliveryOrder(delivery.order(), null));
    if (outcome.result() == WmsOutcome.Result.REJECTED) {
      orders.wmsDeliveryRejected(input.orderSn(), outcome.reason());
      throw new BpmnError(
          "WMS_REJECTED",
          outcome.reason(),
          Map.of("wmsRejectReason", String.valueOf(outcome.reason())),
          null);
    }
    orders.wmsDeliveryAccepted(input.orderSn(), outcome.wmsOrderId());
  }

  /** The delivery order of an order, or of its replacement when {@code afterSalesId} is set. */
  public static DeliveryOrder deliveryOrder(final Order order, final String afterSalesId) {
    return new DeliveryOrder(
        order.orderSn(),
        afterSalesId,
        order.shopId(),
        order.lastShipTime().toString(),
        order.lines().stream()
            .map(l -> new DeliveryOrder.Line(l.outerSkuId(), l.quantity()))
            .toList(),
        order.receiver().nameMask(),
        order.receiver().phoneMask(),
        order.receiver().addressMask());
  }
}
