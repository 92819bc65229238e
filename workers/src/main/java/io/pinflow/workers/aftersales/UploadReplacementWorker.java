package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddAfterSales;
import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesCase;
import io.pinflow.domain.aftersales.AfterSalesType;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.upload-replacement}: records the replacement parcel and uploads it to
 * PDD (exchange shipping, or an extra parcel for a resend): RESHIPPED.
 */
@Component
public class UploadReplacementWorker {

  private final AfterSales afterSales;
  private final PddAfterSales pdd;

  public UploadReplacementWorker(final AfterSales afterSales, final PddAfterSales pdd) {
    this.afterSales = afterSales;
    this.pdd = pdd;
  }

  public record Input(String afterSalesId, String carrier, String trackingNumber) {}

  @JobWorker(type = "pinflow.aftersales.upload-replacement")
  public void uploadReplacement(@VariablesAsType final Input input) {
    final AfterSalesCase c = afterSales.find(input.afterSalesId());
    if (c.status().isFinal()) {
      return;
    }
    if (c.replacementTracking() == null) {
      afterSales.replacementShipped(c.afterSalesId(), input.carrier(), input.trackingNumber());
    }
    if (c.type() == AfterSalesType.EXCHANGE) {
      pdd.exchangeShipping(
          c.shopId(), c.afterSalesId(), c.orderSn(), input.carrier(), input.trackingNumber());
    } else {
      pdd.resendParcel(c.shopId(), c.orderSn(), input.carrier(), input.trackingNumber());
    }
    afterSales.reshipped(
        c.afterSalesId(), input.carrier() + " " + input.trackingNumber() + " uploaded to PDD");
  }
}
