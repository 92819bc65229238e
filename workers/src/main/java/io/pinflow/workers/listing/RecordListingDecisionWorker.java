package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.listing.Listings;
import org.springframework.stereotype.Component;

/** {@code pinflow.listing.record-decision}: keeps the review policy's verdict on the listing. */
@Component
public class RecordListingDecisionWorker {

  private final Listings listings;

  public RecordListingDecisionWorker(final Listings listings) {
    this.listings = listings;
  }

  public record Input(String listingId, String decision, String rule) {}

  @JobWorker(type = "pinflow.listing.record-decision")
  public void recordDecision(@VariablesAsType final Input input) {
    listings.recordDecision(input.listingId(), input.decision(), input.rule());
  }
}
