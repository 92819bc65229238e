package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.close-unreturned}: the buyer sent no parcel within the return window:
 * the case closes.
 */
@Component
public class CloseUnreturnedWorker {

  private final AfterSales afterSales;

  public CloseUnreturnedWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String afterSalesId) {}

  @JobWorker(type = "pinflow.aftersales.close-unreturned")
  public void closeUnreturned(@VariablesAsType final Input input) {
    afterSales.closed(
        input.afterSalesId(), "BUYER_DID_NOT_RETURN", "no return parcel within the return window");
  }
}
