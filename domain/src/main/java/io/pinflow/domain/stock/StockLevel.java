package io.pinflow.domain.stock;

/** What the ledger holds for one SKU; available is on hand minus reserved, never below zero. */
public record StockLevel(String outerSkuId, int onHand, int reserved) {

  public int available() {
    return Math.max(0, onHand - reserved);
  }
}
