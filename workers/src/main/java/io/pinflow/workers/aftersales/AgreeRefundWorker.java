package io.pinflow.workers.aftersales;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddAfterSales;
import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesCase;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.aftersales.agree-refund}: agrees the refund on PDD (the full amount, or the part a
 * person approved): REFUNDED.
 */
@Component
public class AgreeRefundWorker {

  private final AfterSales afterSales;
  private final PddAfterSales pdd;

  public AgreeRefundWorker(final AfterSales afterSales, final PddAfterSales pdd) {
    this.afterSales = afterSales;
    this.pdd = pdd;
  }

  public record Input(String afterSalesId, Long amountFen) {}

  @JobWorker(type = "pinflow.aftersales.agree-refund")
  public void agreeRefund(@VariablesAsType final Input input) {
    final AfterSalesCase c = afterSales.find(input.afterSalesId());
    if (c.status().isFinal()) {
      return;
    }
    final long amount = input.amountFen() == null ? c.refundAmountFen() : input.amountFen();
    if (amount < 0 || amount > c.refundAmountFen()) {
      throw new IllegalArgumentException(
          "refund of "
              + amount
              + " fen outside 0.."
              + c.refundAmountFen()
              + " for "
              + c.afterSalesId());
    }
    final String kind = amount == c.refundAmountFen() ? "full refund" : "partial refund";
    pdd.agreeRefund(c.shopId(), c.afterSalesId(), c.orderSn(), amount, kind);
    afterSales.refunded(c.afterSalesId(), amount, kind + " agreed on PDD (pdd.refund.agree)");
  }
}
