package io.pinflow.workers.listing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.listing.Listings;
import io.pinflow.domain.listing.Listings.Validation;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.listing.validate}: what a person must fix first ({@code problems}), and the review
 * policy's inputs ({@code categoryId}, {@code title}, {@code priceToCostPercent}).
 */
@Component
public class ValidateListingWorker {

  private final Listings listings;

  public ValidateListingWorker(final Listings listings) {
    this.listings = listings;
  }

  public record Input(String listingId) {}

  @JobWorker(type = "pinflow.listing.validate")
  public Validation validate(@VariablesAsType final Input input) {
    return listings.validate(input.listingId());
  }
}
