package io.pinflow.domain.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A stock-keeping unit of the merchant's catalogue, keyed by the ERP's {@code outerSkuId}; the
 * goods-level images and the shop the ERP wants the goods listed on ride along on every SKU row.
 */
public record Sku(
    String outerSkuId,
    String outerGoodsId,
    String title,
    Long categoryId,
    String spec,
    Long costFen,
    Long priceFen,
    List<String> images,
    String listOnShop,
    Instant updatedAt) {

  public Sku {
    images = images == null ? List.of() : List.copyOf(images);
  }
}
