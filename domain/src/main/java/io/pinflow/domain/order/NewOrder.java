package io.pinflow.domain.order;

import java.time.Instant;
import java.util.List;

/** An order as it arrives, from the API or the PDD sync, before validation. */
public record NewOrder(
    String shopId,
    String orderSn,
    Instant confirmTime,
    Instant lastShipTime,
    List<Item> items,
    Long payAmountFen,
    Receiver receiver,
    Order.Holds holds) {

  public record Item(String outerSkuId, Integer quantity, Long priceFen) {}
}
