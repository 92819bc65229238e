package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.close-withdrawn}: the buyer withdrew the request on the platform: the
 * case closes.
 */
@Component
public class CloseWithdrawnWorker {

  private final AfterSales afterSales;

  public CloseWithdrawnWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String afterSalesId) {}

  @JobWorker(type = "pinflow.aftersales.close-withdrawn")
  public void closeWithdrawn(@VariablesAsType final Input input) {
    afterSales.closed(input.afterSalesId(), "WITHDRAWN", "the buyer withdrew the request");
  }
}
