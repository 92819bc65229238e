package io.pinflow.domain.aftersales;

import java.time.Instant;

/** A request as it arrives, from the API or the PDD sync, before validation. */
public record NewAfterSales(
    String shopId,
    String afterSalesId,
    String orderSn,
    String type,
    String reason,
    Long refundAmountFen,
    Instant expireTime) {}
