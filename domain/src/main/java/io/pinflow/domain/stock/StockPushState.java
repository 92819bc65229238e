package io.pinflow.domain.stock;

import java.time.Instant;

/**
 * What PDD shows of one SKU on one shop: the goods it belongs to there, whether a change waits to
 * be pushed (since when, and how many changes so far), and the last quantity pushed.
 */
public record StockPushState(
    String shopId,
    String outerSkuId,
    long goodsId,
    boolean dirty,
    Instant dirtySince,
    long changeCount,
    Integer pushedQuantity,
    Instant pushedAt,
    long pushCalls,
    Instant failedAt,
    String failure) {}
