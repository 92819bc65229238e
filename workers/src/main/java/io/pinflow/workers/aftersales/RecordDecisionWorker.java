package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.aftersales.AfterSales;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.record-decision}: keeps the decision table's verdict on the case and
 * its timeline.
 */
@Component
public class RecordDecisionWorker {

  private final AfterSales afterSales;

  public RecordDecisionWorker(final AfterSales afterSales) {
    this.afterSales = afterSales;
  }

  public record Input(String afterSalesId, String decision, String rule) {}

  @JobWorker(type = "pinflow.aftersales.record-decision")
  public void recordDecision(@VariablesAsType final Input input) {
    afterSales.recordDecision(input.afterSalesId(), input.decision(), input.rule());
  }
}
