package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.listing.Listings;
import org.springframework.stereotype.Component;

/** {@code pinflow.listing.reject}: the reviewer refused the listing: REJECTED, with the reason. */
@Component
public class RejectListingWorker {

  private final Listings listings;

  public RejectListingWorker(final Listings listings) {
    this.listings = listings;
  }

  public record Input(String listingId, String reviewComment, String reviewedBy) {}

  public record Output(String listingOutcome) {}

  @JobWorker(type = "pinflow.listing.reject")
  public Output reject(@VariablesAsType final Input input) {
    listings.reject(input.listingId(), input.reviewComment(), input.reviewedBy());
    return new Output("REJECTED");
  }
}
