package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.record-refusal}: the merchant refuses; recorded with the reason (PDD
 * has no refusal API).
 */
@Component
public class RecordRefusalWorker {

  private final AfterSales afterSales;

  public RecordRefusalWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String afterSalesId, String refusalReason) {}

  @JobWorker(type = "pinflow.aftersales.record-refusal")
  public void recordRefusal(@VariablesAsType final Input input) {
    afterSales.rejected(input.afterSalesId(), input.refusalReason(), "customer service");
  }
}
