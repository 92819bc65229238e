package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddAfterSales;
import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesCase;
import io.pinflow.domain.aftersales.AfterSalesStatus;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.agree-return}: agrees the return on PDD with the shop's return address:
 * AWAITING_RETURN.
 */
@Component
public class AgreeReturnWorker {

  private final AfterSales afterSales;
  private final PddAfterSales pdd;

  public AgreeReturnWorker(final AfterSales afterSales, final PddAfterSales pdd) {
    this.afterSales = afterSales;
    this.pdd = pdd;
  }

  public record Input(String afterSalesId) {}

  @JobWorker(type = "pinflow.aftersales.agree-return")
  public void agreeReturn(@VariablesAsType final Input input) {
    final AfterSalesCase c = afterSales.find(input.afterSalesId());
    if (c.status() != AfterSalesStatus.OPEN) {
      return;
    }
    pdd.agreeReturn(c.shopId(), c.afterSalesId(), c.orderSn());
    afterSales.returnAgreed(
        c.afterSalesId(), "pdd.refund.returngoods.agree: the buyer sends the parcel back");
  }
}
