package io.pinflow.domain.listing;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's goods listed, or on its way to being listed, on one shop. {@code goodsId} and {@code
 * goodsCommitId} are the platform's, once published; {@code problems} are what validation found at
 * the last check.
 */
public record Listing(
    String listingId,
    String shopId,
    String outerGoodsId,
    String title,
    long categoryId,
    List<String> images,
    List<ListingSku> skus,
    ListingStatus status,
    String source,
    String submittedBy,
    List<String> problems,
    String reviewDecision,
    String reviewRule,
    Long goodsId,
    Long goodsCommitId,
    Instant publishStartedAt,
    int submissions,
    String platformRejectReason,
    String closedReason,
    Instant delistRequestedAt,
    Instant createdAt,
    Instant listedAt,
    Instant closedAt,
    Instant updatedAt) {

  public Listing {
    images = images == null ? List.of() : List.copyOf(images);
    skus = skus == null ? List.of() : List.copyOf(skus);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /** This listing with its SKUs (stored apart). */
  public Listing withSkus(final List<ListingSku> skus) {
    return new Listing(
        listingId,
        shopId,
        outerGoodsId,
        title,
        categoryId,
        images,
        skus,
        status,
        source,
        submittedBy,
        problems,
        reviewDecision,
        reviewRule,
        goodsId,
        goodsCommitId,
        publishStartedAt,
        submissions,
        platformRejectReason,
        closedReason,
        delistRequestedAt,
        createdAt,
        listedAt,
        closedAt,
        updatedAt);
  }

  /** The same goods, title, category, images and SKUs: a repeated submission. */
  public boolean sameContentAs(final NewListing other) {
    return outerGoodsId.equals(other.outerGoodsId())
        && title.equals(other.title() == null ? null : other.title().strip())
        && other.categoryId() != null
        && categoryId == other.categoryId()
        && images.equals(other.images())
        && skus.equals(other.skus());
  }
}
