package io.pinflow.api.listings;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.orders.OrderViews.TimelineEntry;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.ListingQuery;
import io.pinflow.domain.listing.ListingSku;
import io.pinflow.domain.listing.ListingStatus;
import io.pinflow.domain.listing.Listings;
import io.pinflow.domain.listing.NewListing;
import io.pinflow.domain.timeline.Timeline;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Listings: submission (one live listing per goods and shop; 202, the process runs on), queries,
 * changes while a listing needs fixing, and delisting.
 */
@RestController
@RequestMapping("/api/listings")
public class ListingController {

  private final Listings listings;
  private final Timeline timeline;

  public ListingController(final Listings listings, final Timeline timeline) {
    this.listings = listings;
    this.timeline = timeline;
  }

  public record SkuBody(String outerSkuId, String spec, Long priceFen, Integer quantity) {}

  public record ListingRequest(
      String shopId,
      String outerGoodsId,
      String title,
      Long categoryId,
      List<String> images,
      List<SkuBody> skus) {

    NewListing toNew(final String shop, final String goods) {
      return new NewListing(
          shop,
          goods,
          title,
          categoryId,
          images,
          skus == null
              ? null
              : skus.stream()
                  .map(
                      s ->
                          s == null
                              ? null
                              : new ListingSku(
                                  s.outerSkuId(),
                                  s.spec(),
                                  s.priceFen() == null ? 0 : s.priceFen(),
                                  s.quantity() == null ? 0 : s.quantity()))
                  .toList());
    }
  }

  public record DelistRequest(String reason) {}

  public record ListingView(
      String listingId,
      String shopId,
      String outerGoodsId,
      String title,
      long categoryId,
      List<String> images,
      List<ListingSku> skus,
      String status,
      String source,
      String submittedBy,
      List<String> problems,
      String reviewDecision,
      String reviewRule,
      Long goodsId,
      Long goodsCommitId,
      int submissions,
      String platformRejectReason,
      String closedReason,
      Instant delistRequestedAt,
      Instant createdAt,
      Instant listedAt,
      Instant closedAt,
      Instant updatedAt) {

    static ListingView of(final Listing l) {
      return new ListingView(
          l.listingId(),
          l.shopId(),
          l.outerGoodsId(),
          l.title(),
          l.categoryId(),
          l.images(),
          l.skus(),
          l.status().name(),
          l.source(),
          l.submittedBy(),
          l.problems(),
          l.reviewDecision(),
          l.reviewRule(),
          l.goodsId(),
          l.goodsCommitId(),
          l.submissions(),
          l.platformRejectReason(),
          l.closedReason(),
          l.delistRequestedAt(),
          l.createdAt(),
          l.listedAt(),
          l.closedAt(),
          l.updatedAt());
    }
  }

  @PostMapping
  @Audited(action = "listing.submit", target = "LISTING")
  public ResponseEntity<ListingView> submit(@RequestBody final ListingRequest request) {
    final Actor actor = CurrentActor.get();
    AuditRecord.current().target(request.outerGoodsId(), request.shopId());
    if (request.shopId() != null && !actor.shops().allows(request.shopId())) {
      throw new NotFoundException("shop", request.shopId());
    }
    final var intake =
        listings.submit(
            actor, request.toNew(request.shopId(), request.outerGoodsId()), Listings.SOURCE_API);
    AuditRecord.current()
        .target(intake.listing().listingId(), intake.listing().shopId())
        .detail(intake.created() ? "submitted" : "repeated: unchanged");
    return ResponseEntity.status(intake.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(ListingView.of(intake.listing()));
  }

  @GetMapping("/{listingId}")
  public ListingView get(@PathVariable final String listingId) {
    return ListingView.of(listings.get(CurrentActor.get(), listingId));
  }

  @GetMapping("/{listingId}/timeline")
  public List<TimelineEntry> timeline(@PathVariable final String listingId) {
    listings.get(CurrentActor.get(), listingId);
    return timeline.of(Listings.BUSINESS_TYPE, listingId).stream()
        .map(e -> new TimelineEntry(e.at(), e.type(), e.detail(), e.actor()))
        .toList();
  }

  @GetMapping
  public Page<ListingView> list(
      @RequestParam(required = false) final String shopId,
      @RequestParam(required = false) final String outerGoodsId,
      @RequestParam(required = false) final ListingStatus status,
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return listings
        .list(
            new ListingQuery(
                CurrentActor.get().shops(),
                shopId,
                outerGoodsId,
                status,
                PageRequest.of(page, size)))
        .map(ListingView::of);
  }

  /** Replaces title, category, images and SKUs of a listing that needs fixing. */
  @PutMapping("/{listingId}")
  @Audited(action = "listing.change", target = "LISTING")
  public ListingView change(
      @PathVariable final String listingId, @RequestBody final ListingRequest request) {
    AuditRecord.current().target(listingId, null);
    final Actor actor = CurrentActor.get();
    final Listing current = listings.get(actor, listingId);
    AuditRecord.current().target(listingId, current.shopId());
    return ListingView.of(
        listings.update(actor, listingId, request.toNew(current.shopId(), current.outerGoodsId())));
  }

  @PostMapping("/{listingId}/delist")
  @Audited(action = "listing.delist", target = "LISTING")
  public ResponseEntity<ListingView> delist(
      @PathVariable final String listingId,
      @RequestBody(required = false) final DelistRequest request) {
    AuditRecord.current().target(listingId, null);
    final Listing listing =
        listings.requestDelist(
            CurrentActor.get(), listingId, request == null ? null : request.reason());
    AuditRecord.current().target(listingId, listing.shopId());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(ListingView.of(listing));
  }
}
