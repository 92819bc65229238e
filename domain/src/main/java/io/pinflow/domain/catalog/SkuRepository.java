package io.pinflow.domain.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface SkuRepository {

  /** Inserts or updates each SKU (by outerSkuId) and creates its stock row if missing. */
  void upsert(List<Sku> skus);

  Optional<Sku> find(String outerSkuId);

  List<Sku> findAll(Collection<String> outerSkuIds);

  /** The SKUs of one goods, by SKU id. */
  List<Sku> ofGoods(String outerGoodsId);

  /** A goods the ERP wants listed on a shop. */
  record GoodsToList(String shopId, String outerGoodsId) {}

  /** Goods marked for listing whose master data changed since the given time. */
  List<GoodsToList> goodsToList(java.time.Instant changedSince);

  /** Which of the ids are known SKUs. */
  Set<String> existing(Collection<String> outerSkuIds);
}
