package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.restock}: a return that passed inspection goes back into stock (once).
 */
@Component
public class RestockWorker {

  private final AfterSales afterSales;

  public RestockWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String afterSalesId) {}

  @JobWorker(type = "pinflow.aftersales.restock")
  public void restock(@VariablesAsType final Input input) {
    afterSales.restock(input.afterSalesId());
  }
}
