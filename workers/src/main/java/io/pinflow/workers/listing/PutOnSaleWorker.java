package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddGoods;
import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.Listings;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.listing.put-on-sale}: the platform approved the goods: on sale, LISTED, and its
 * stock figures follow the ledger from now on.
 */
@Component
public class PutOnSaleWorker {

  private final Listings listings;
  private final PddGoods goods;

  public PutOnSaleWorker(final Listings listings, final PddGoods goods) {
    this.listings = listings;
    this.goods = goods;
  }

  public record Input(String listingId) {}

  public record Output(String listingOutcome) {}

  @JobWorker(type = "pinflow.listing.put-on-sale")
  public Output putOnSale(@VariablesAsType final Input input) {
    final Listing listing = listings.find(input.listingId());
    goods.setOnSale(listing.shopId(), listing.goodsId(), true);
    listings.listed(listing.listingId());
    return new Output("LISTED");
  }
}
