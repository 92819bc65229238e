package io.pinflow.domain.listing;

import io.pinflow.domain.common.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ListingRepository {

  /** Stores a new listing; false when the goods already has an active listing on the shop. */
  boolean insert(Listing listing);

  Optional<Listing> find(String listingId);

  Optional<Listing> findActive(String shopId, String outerGoodsId);

  Page<Listing> list(ListingQuery query);

  /** Listings under way or on sale (their process waits for a delisting), oldest first. */
  List<String> unfinished();

  /** Moves the listing from one of {@code from} to {@code to}; false if it was elsewhere. */
  boolean moveTo(String listingId, List<ListingStatus> from, ListingStatus to, Instant at);

  void recordProblems(String listingId, List<String> problems, Instant at);

  void recordDecision(String listingId, String decision, String rule, Instant at);

  /** Replaces what a person may change while the listing needs fixing. */
  void replaceContent(
      String listingId,
      String title,
      long categoryId,
      List<String> images,
      List<ListingSku> skus,
      Instant at);

  /** Notes that a publication is under way; returns false if one had started before. */
  boolean markPublishStarted(String listingId, Instant at);

  void recordPublished(String listingId, long goodsId, long goodsCommitId, Instant at);

  void recordPlatformRejection(String listingId, String reason, Instant at);

  void markListed(String listingId, Instant at);

  /** Ends the listing in a final status; frees its goods for a new listing. */
  boolean close(String listingId, ListingStatus status, String reason, Instant at);

  /** Notes the first delisting request; false when one was noted before. */
  boolean markDelistRequested(String listingId, Instant at);
}
