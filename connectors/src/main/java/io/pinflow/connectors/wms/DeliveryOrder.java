package io.pinflow.connectors.wms;

import java.util.List;

/** What the WMS needs to pick, pack and ship an order; the buyer's address stays masked. */
public record DeliveryOrder(
    String orderSn,
    String shopId,
    String lastShipTime,
    List<Line> lines,
    String receiverName,
    String receiverPhone,
    String receiverAddress) {

  public record Line(String outerSkuId, int quantity) {}
}
