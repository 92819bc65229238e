package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddGoods;
import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.Listings;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.listing.delist}: takes the goods off sale on PDD (or stops a listing before it got
 * there): DELISTED, and its stock is no longer pushed.
 */
@Component
public class DelistWorker {

  private final Listings listings;
  private final PddGoods goods;

  public DelistWorker(final Listings listings, final PddGoods goods) {
    this.listings = listings;
    this.goods = goods;
  }

  public record Input(String listingId, String delistReason) {}

  @JobWorker(type = "pinflow.listing.delist")
  public void delist(@VariablesAsType final Input input) {
    final Listing listing = listings.find(input.listingId());
    if (listing.goodsId() != null && listing.status().isActive()) {
      goods.setOnSale(listing.shopId(), listing.goodsId(), false);
    }
    listings.delisted(listing.listingId(), input.delistReason());
  }
}
