package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.connectors.pdd.PddGoods;
import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.Listings;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.listing.check-platform-review}: asks the platform how its review of the latest
 * commit stands: {@code platformReview} PENDING, APPROVED or REJECTED ({@code
 * platformRejectReason}).
 */
@Component
public class CheckPlatformReviewWorker {

  private final Listings listings;
  private final PddGoods goods;

  public CheckPlatformReviewWorker(final Listings listings, final PddGoods goods) {
    this.listings = listings;
    this.goods = goods;
  }

  public record Input(String listingId) {}

  public record Output(String platformReview, String platformRejectReason) {}

  @JobWorker(type = "pinflow.listing.check-platform-review")
  public Output check(@VariablesAsType final Input input) {
    final Listing listing = listings.find(input.listingId());
    final PddGoods.Review review = goods.review(listing.shopId(), listing.goodsCommitId());
    return new Output(review.state(), review.rejectReason());
  }
}
