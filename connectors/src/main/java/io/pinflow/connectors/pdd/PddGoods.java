package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.ListingSku;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The goods APIs of PDD: publishing a listing ({@code pdd.goods.add}, or {@code
 * pdd.goods.information.update} for goods the platform has already), following its review ({@code
 * pdd.goods.commit.status.get}), sale status and stock figures.
 */
@Component
public class PddGoods {

  static final String ADD = "pdd.goods.add";
  static final String UPDATE = "pdd.goods.information.update";
  static final String COMMIT_STATUS = "pdd.goods.commit.status.get";
  static final String LIST = "pdd.goods.list.get";
  static final String SALE_STATUS = "pdd.goods.sale.status.set";
  static final String QUANTITY = "pdd.goods.quantity.update";

  private final PddClient pdd;
  private final long costTemplateId;
  private final long shipmentLimitSeconds;

  /** The platform's ids of a submission: the goods, and the commit under review. */
  public record Submission(long goodsId, long goodsCommitId) {}

  /** The platform's review of a commit: PENDING, APPROVED or REJECTED (with its reason). */
  public record Review(String state, String rejectReason) {}

  public PddGoods(
      final PddClient pdd,
      @Value("${pinflow.pdd.goods.cost-template-id:0}") final long costTemplateId,
      @Value("${pinflow.pdd.goods.shipment-limit:PT48H}") final java.time.Duration shipmentLimit) {
    this.pdd = pdd;
    this.costTemplateId = costTemplateId;
    this.shipmentLimitSeconds = shipmentLimit.toSeconds();
  }

  /** Adds the listing as new goods. */
  public Submission add(final Listing listing) {
    final JsonNode answer = pdd.call(listing.shopId(), ADD, goodsParams(listing));
    return new Submission(
        answer.path("goods_id").asLong(), answer.path("goods_commit_id").asLong());
  }

  /** Submits changed content of goods the platform has (after a rejection): a new commit. */
  public Submission resubmit(final Listing listing, final long goodsId) {
    final Map<String, Object> params = goodsParams(listing);
    params.put("goods_id", Long.toString(goodsId));
    final JsonNode answer = pdd.call(listing.shopId(), UPDATE, params);
    return new Submission(goodsId, answer.path("goods_commit_id").asLong());
  }

  /**
   * The goods of the shop published under the merchant's goods id, if any: how an interrupted
   * publication finds out whether its {@code pdd.goods.add} went through.
   */
  public Optional<Long> findByOuterGoodsId(final String shopId, final String outerGoodsId) {
    final JsonNode answer =
        pdd.call(
            shopId, LIST, Map.of("outer_goods_id", outerGoodsId, "page", "1", "page_size", "100"));
    long newest = -1;
    for (final JsonNode goods : answer.path("goods_list")) {
      if (outerGoodsId.equals(goods.path("outer_goods_id").asText())) {
        newest = Math.max(newest, goods.path("goods_id").asLong());
      }
    }
    return newest < 0 ? Optional.empty() : Optional.of(newest);
  }

  /** The latest commit's review, for a goods found without its commit id. */
  public Review review(final String shopId, final long goodsCommitId) {
    final JsonNode answer =
        pdd.call(shopId, COMMIT_STATUS, Map.of("goods_commit_id_list", List.of(goodsCommitId)));
    for (final JsonNode commit : answer.path("list")) {
      if (commit.path("goods_commit_id").asLong() == goodsCommitId) {
        return switch (commit.path("check_status").asInt()) {
          case 2 -> new Review("APPROVED", null);
          case 3 -> new Review("REJECTED", commit.path("reject_comment").asText(""));
          default -> new Review("PENDING", null);
        };
      }
    }
    throw new PddApiException(
        COMMIT_STATUS, 21001, null, "commit " + goodsCommitId + " is unknown to the platform");
  }

  public void setOnSale(final String shopId, final long goodsId, final boolean onSale) {
    pdd.call(
        shopId,
        SALE_STATUS,
        Map.of("goods_id", Long.toString(goodsId), "is_onsale", onSale ? "1" : "0"));
  }

  /** Sets the stock PDD shows for one SKU (full update, by the merchant's SKU id). */
  public void setQuantity(
      final String shopId, final long goodsId, final String outerSkuId, final int quantity) {
    pdd.call(
        shopId,
        QUANTITY,
        Map.of(
            "goods_id",
            Long.toString(goodsId),
            "outer_id",
            outerSkuId,
            "quantity",
            Integer.toString(quantity),
            "update_type",
            "1"));
  }

  private Map<String, Object> goodsParams(final Listing listing) {
    final long highest = listing.skus().stream().mapToLong(ListingSku::priceFen).max().orElse(0);
    final Map<String, Object> params = new LinkedHashMap<>();
    params.put("goods_name", listing.title());
    params.put("cat_id", Long.toString(listing.categoryId()));
    params.put("out_goods_id", listing.outerGoodsId());
    params.put("goods_type", "1");
    params.put("market_price", Long.toString(highest));
    params.put("cost_template_id", Long.toString(costTemplateId));
    params.put("shipment_limit_second", Long.toString(shipmentLimitSeconds));
    params.put("carousel_gallery", listing.images());
    params.put("detail_gallery", listing.images());
    params.put(
        "sku_list",
        listing.skus().stream()
            .map(
                sku ->
                    Map.of(
                        "out_sku_sn", sku.outerSkuId(),
                        "spec", sku.spec(),
                        "price", sku.priceFen(),
                        "multi_price", sku.priceFen(),
                        "quantity", sku.quantity(),
                        "is_onsale", 1))
            .toList());
    return params;
  }
}
