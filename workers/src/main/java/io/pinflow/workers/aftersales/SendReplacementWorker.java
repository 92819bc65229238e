package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.wms.WmsOutbound;
import io.pinflow.connectors.wms.WmsOutcome;
import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesCase;
import io.pinflow.domain.order.Orders;
import io.pinflow.workers.order.SendToWmsWorker;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.send-replacement}: the replacement parcel's delivery order to the WMS
 * (idempotency key replacement-<afterSalesId>).
 */
@Component
public class SendReplacementWorker {

  private final AfterSales afterSales;
  private final Orders orders;
  private final WmsOutbound wms;

  public SendReplacementWorker(
      final AfterSales afterSales, final Orders orders, final WmsOutbound wms) {
    this.afterSales = afterSales;
    this.orders = orders;
    this.wms = wms;
  }

  public record Input(String afterSalesId) {}

  @JobWorker(type = "pinflow.aftersales.send-replacement")
  public void sendReplacement(@VariablesAsType final Input input) {
    final AfterSalesCase c = afterSales.find(input.afterSalesId());
    final WmsOutcome outcome =
        wms.create(SendToWmsWorker.deliveryOrder(orders.find(c.orderSn()), c.afterSalesId()));
    if (outcome.result() != WmsOutcome.Result.ACCEPTED) {
      throw new IllegalStateException("the WMS did not take the replacement: " + outcome.reason());
    }
  }
}
