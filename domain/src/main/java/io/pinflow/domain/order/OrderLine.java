package io.pinflow.domain.order;

/** One SKU of an order; money in fen. */
public record OrderLine(int lineNo, String outerSkuId, int quantity, long priceFen) {

  public long amountFen() {
    return priceFen * quantity;
  }
}
