package io.pinflow.domain.listing;

/** Where a listing stands, from submission to the shop's shelf and off it again. */
public enum ListingStatus {
  /** Taken in; being validated and checked against the review policy. */
  SUBMITTED,
  /** Invalid, or rejected by the platform: waits for someone to fix and resubmit it. */
  NEEDS_FIX,
  /** The review policy asks a person (OPS_LEAD) to decide. */
  IN_REVIEW,
  /** Approved by the policy or the reviewer; being published to PDD. */
  APPROVED,
  /** Published; the platform's own review is under way. */
  PLATFORM_REVIEW,
  /** On sale on PDD. */
  LISTED,
  /** Refused by the reviewer. */
  REJECTED,
  /** Given up while it needed fixing. */
  WITHDRAWN,
  /** Taken off sale, or taken down before it got there. */
  DELISTED;

  /** Whether the listing still runs or is on sale (at most one such per goods and shop). */
  public boolean isActive() {
    return this != REJECTED && this != WITHDRAWN && this != DELISTED;
  }
}
