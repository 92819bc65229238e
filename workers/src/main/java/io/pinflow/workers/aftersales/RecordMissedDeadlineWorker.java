package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.record-missed-deadline}: nobody decided by the platform's deadline; the
 * platform agreed for the merchant.
 */
@Component
public class RecordMissedDeadlineWorker {

  private final AfterSales afterSales;

  public RecordMissedDeadlineWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String afterSalesId) {}

  @JobWorker(type = "pinflow.aftersales.record-missed-deadline")
  public void recordMissedDeadline(@VariablesAsType final Input input) {
    afterSales.recordMissedDeadline(input.afterSalesId());
  }
}
