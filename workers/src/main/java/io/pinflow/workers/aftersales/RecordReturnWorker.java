package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.record-return}: the return parcel arrived and was inspected:
 * INSPECTING.
 */
@Component
public class RecordReturnWorker {

  private final AfterSales afterSales;

  public RecordReturnWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String afterSalesId, String inspection) {}

  @JobWorker(type = "pinflow.aftersales.record-return")
  public void recordReturn(@VariablesAsType final Input input) {
    afterSales.returnReceived(input.afterSalesId(), input.inspection());
  }
}
