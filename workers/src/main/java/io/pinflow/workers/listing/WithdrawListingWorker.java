package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.listing.Listings;
import org.springframework.stereotype.Component;

/** {@code pinflow.listing.withdraw}: ops gave the listing up instead of fixing it: WITHDRAWN. */
@Component
public class WithdrawListingWorker {

  private final Listings listings;

  public WithdrawListingWorker(final Listings listings) {
    this.listings = listings;
  }

  public record Input(String listingId, String fixComment, String fixedBy) {}

  public record Output(String listingOutcome) {}

  @JobWorker(type = "pinflow.listing.withdraw")
  public Output withdraw(@VariablesAsType final Input input) {
    listings.withdraw(input.listingId(), input.fixComment(), input.fixedBy());
    return new Output("WITHDRAWN");
  }
}
