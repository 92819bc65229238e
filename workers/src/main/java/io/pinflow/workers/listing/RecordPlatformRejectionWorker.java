package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.listing.Listings;
import org.springframework.stereotype.Component;

/** {@code pinflow.listing.record-platform-rejection}: the platform said no: NEEDS_FIX. */
@Component
public class RecordPlatformRejectionWorker {

  private final Listings listings;

  public RecordPlatformRejectionWorker(final Listings listings) {
    this.listings = listings;
  }

  public record Input(String listingId, String platformRejectReason) {}

  @JobWorker(type = "pinflow.listing.record-platform-rejection")
  public void record(@VariablesAsType final Input input) {
    listings.platformRejected(input.listingId(), input.platformRejectReason());
  }
}
