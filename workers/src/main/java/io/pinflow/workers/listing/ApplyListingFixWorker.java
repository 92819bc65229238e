package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.listing.Listings;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.listing.apply-fix}: takes the fix task's title and category (other changes came
 * through the API) and sends the listing round again.
 */
@Component
public class ApplyListingFixWorker {

  private final Listings listings;

  public ApplyListingFixWorker(final Listings listings) {
    this.listings = listings;
  }

  public record Input(
      String listingId, String fixTitle, Long fixCategoryId, String fixComment, String fixedBy) {}

  @JobWorker(type = "pinflow.listing.apply-fix")
  public void applyFix(@VariablesAsType final Input input) {
    listings.applyFix(
        input.listingId(),
        input.fixTitle(),
        input.fixCategoryId(),
        input.fixComment(),
        input.fixedBy());
  }
}
