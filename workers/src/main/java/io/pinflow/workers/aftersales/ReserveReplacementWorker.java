package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.reserve-replacement}: reserves the goods of an exchange or a resend,
 * all or none.
 */
@Component
public class ReserveReplacementWorker {

  private final AfterSales afterSales;

  public ReserveReplacementWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String afterSalesId) {}

  public record Output(boolean replacementReserved) {}

  @JobWorker(type = "pinflow.aftersales.reserve-replacement")
  public Output reserveReplacement(@VariablesAsType final Input input) {
    return new Output(afterSales.reserveReplacement(input.afterSalesId()));
  }
}
