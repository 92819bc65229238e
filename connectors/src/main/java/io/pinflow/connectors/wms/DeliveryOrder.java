package io.pinflow.connectors.wms;

import java.util.List;

/**
 * What the WMS needs to pick, pack and ship an order, or the replacement parcel of an after-sales
 * case ({@code afterSalesId} set); the buyer's address stays masked.
 */
public record DeliveryOrder(
    String orderSn,
    String afterSalesId,
    String shopId,
    String lastShipTime,
    List<Line> lines,
    String receiverName,
    String receiverPhone,
    String receiverAddress) {

  public record Line(String outerSkuId, int quantity) {}

  /** The WMS's idempotency key: one delivery order per order, one per replacement. */
  public String idempotencyKey() {
    return afterSalesId == null ? orderSn : "replacement-" + afterSalesId;
  }
}
