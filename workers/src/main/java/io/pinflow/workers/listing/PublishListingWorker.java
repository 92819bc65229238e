package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddGoods;
import io.pinflow.connectors.pdd.PddGoods.Submission;
import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.Listings;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.listing.publish}: submits the listing to the platform's review. Goods the platform
 * has already (a resubmission after rejection, or an earlier attempt whose answer was lost) get a
 * new commit of the same goods; otherwise the goods are added.
 */
@Component
public class PublishListingWorker {

  private final Listings listings;
  private final PddGoods goods;

  public PublishListingWorker(final Listings listings, final PddGoods goods) {
    this.listings = listings;
    this.goods = goods;
  }

  public record Input(String listingId) {}

  public record Output(long goodsId, long goodsCommitId) {}

  @JobWorker(type = "pinflow.listing.publish")
  public Output publish(@VariablesAsType final Input input) {
    final Listings.Publication publication = listings.beginPublication(input.listingId());
    final Listing listing = publication.listing();
    Optional<Long> known = Optional.ofNullable(listing.goodsId());
    if (known.isEmpty() && publication.resumed()) {
      known = goods.findByOuterGoodsId(listing.shopId(), listing.outerGoodsId());
    }
    final Submission submission =
        known.isPresent() ? goods.resubmit(listing, known.get()) : goods.add(listing);
    listings.published(listing.listingId(), submission.goodsId(), submission.goodsCommitId());
    return new Output(submission.goodsId(), submission.goodsCommitId());
  }
}
