package io.pinflow.domain.catalog;

import java.time.Instant;

/** A stock-keeping unit of the merchant's catalogue, keyed by the ERP's {@code outerSkuId}. */
public record Sku(
    String outerSkuId,
    String outerGoodsId,
    String title,
    Long categoryId,
    String spec,
    Long costFen,
    Long priceFen,
    Instant updatedAt) {}
