package io.pinflow.domain.listing;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.catalog.Sku;
import io.pinflow.domain.catalog.SkuRepository;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.stock.StockLevel;
import io.pinflow.domain.stock.StockPush;
import io.pinflow.domain.stock.StockRepository;
import io.pinflow.domain.timeline.Timeline;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Listings: intake (one live listing per goods and shop), the steps of the listing process, and
 * queries within the caller's shops. Every step lands on the listing's timeline.
 */
public class Listings {

  public static final String BUSINESS_TYPE = "LISTING";
  public static final String SOURCE_API = "API";
  public static final String SOURCE_ERP = "ERP";

  private static final List<ListingStatus> BEFORE_PUBLICATION =
      List.of(ListingStatus.SUBMITTED, ListingStatus.IN_REVIEW, ListingStatus.APPROVED);

  private final ListingRepository listings;
  private final SkuRepository skus;
  private final StockRepository stock;
  private final ShopRepository shops;
  private final StockPush stockPush;
  private final Timeline timeline;
  private final Outbox outbox;
  private final Settings settings;
  private final Clock clock;

  /**
   * How often the platform's review is polled; the lowest price a SKU may have against its cost
   * (percent) before it counts as a mistake; how long a message waits for its process.
   */
  public record Settings(
      Duration platformPollInterval, int minPriceToCostPercent, Duration messageTimeToLive) {}

  public record Intake(Listing listing, boolean created) {}

  /** What validation found, and the review policy's inputs. */
  public record Validation(
      List<String> problems, long categoryId, String title, Long priceToCostPercent) {}

  public Listings(
      final ListingRepository listings,
      final SkuRepository skus,
      final StockRepository stock,
      final ShopRepository shops,
      final StockPush stockPush,
      final Timeline timeline,
      final Outbox outbox,
      final Settings settings,
      final Clock clock) {
    this.listings = listings;
    this.skus = skus;
    this.stock = stock;
    this.shops = shops;
    this.stockPush = stockPush;
    this.timeline = timeline;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  // ---- intake

  /**
   * Takes a listing in and starts its process. The same goods on the same shop again, while its
   * listing runs or is on sale, returns that listing when the content is the same and is refused
   * when it differs.
   */
  @Transactional
  public Intake submit(final Actor actor, final NewListing request, final String source) {
    final List<FieldError> errors = new ArrayList<>(request.shapeErrors());
    if (request.shopId() != null && !request.shopId().isBlank()) {
      if (!actor.shops().allows(request.shopId()) || shops.find(request.shopId()).isEmpty()) {
        errors.add(new FieldError("shopId", "unknown shop"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    final var existing = listings.findActive(request.shopId(), request.outerGoodsId());
    if (existing.isPresent()) {
      return repeated(existing.get(), request);
    }
    final Instant now = clock.instant();
    final Listing listing =
        new Listing(
            "L-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
            request.shopId(),
            request.outerGoodsId(),
            request.title().strip(),
            request.categoryId(),
            request.images().stream().map(String::strip).toList(),
            request.skus(),
            ListingStatus.SUBMITTED,
            source,
            actor.name(),
            List.of(),
            null,
            null,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            now,
            null,
            null,
            now);
    if (!listings.insert(listing)) {
      return repeated(
          listings.findActive(request.shopId(), request.outerGoodsId()).orElseThrow(), request);
    }
    record(
        listing.listingId(),
        "LISTING_SUBMITTED",
        request.outerGoodsId() + " with " + request.skus().size() + " SKU(s), from " + source,
        actor.name());
    publish(MessageNames.LISTING_SUBMITTED, listing.listingId(), processVariables(listing));
    return new Intake(listing, true);
  }

  /** What the listing process starts with. */
  public Map<String, Object> processVariables(final Listing listing) {
    final Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("listingId", listing.listingId());
    variables.put("businessKey", listing.listingId());
    variables.put("shopId", listing.shopId());
    variables.put("source", listing.source());
    variables.put("submittedBy", listing.submittedBy());
    variables.put("listingPollInterval", settings.platformPollInterval().toString());
    return variables;
  }

  private static Intake repeated(final Listing existing, final NewListing request) {
    if (existing.sameContentAs(request)) {
      return new Intake(existing, false);
    }
    throw new ConflictException(
        "listing-active",
        "goods "
            + request.outerGoodsId()
            + " already has listing "
            + existing.listingId()
            + " ("
            + existing.status()
            + ") on shop "
            + request.shopId()
            + ": change it while it needs fixing, or delist it first");
  }

  /**
   * Lists goods the ERP marked for a shop, built from the catalogue: its SKUs with their prices and
   * the stock available now. Goods that already have a live listing there are left alone.
   */
  @Transactional
  public Intake submitFromCatalogue(final Actor actor, final String shopId, final String goodsId) {
    final var existing = listings.findActive(shopId, goodsId);
    if (existing.isPresent()) {
      return new Intake(existing.get(), false);
    }
    final List<Sku> goods = skus.ofGoods(goodsId);
    if (goods.isEmpty()) {
      throw new NotFoundException("goods", goodsId);
    }
    final Map<String, StockLevel> levels =
        stock.levels(goods.stream().map(Sku::outerSkuId).toList()).stream()
            .collect(Collectors.toMap(StockLevel::outerSkuId, Function.identity()));
    final Sku first = goods.getFirst();
    final List<ListingSku> listed =
        goods.stream()
            .map(
                sku ->
                    new ListingSku(
                        sku.outerSkuId(),
                        sku.spec() == null || sku.spec().isBlank() ? "default" : sku.spec(),
                        sku.priceFen() == null ? 0 : sku.priceFen(),
                        levels.containsKey(sku.outerSkuId())
                            ? levels.get(sku.outerSkuId()).available()
                            : 0))
            .toList();
    // the ERP repeats goods-level data on each SKU row: take every image any row names
    final List<String> images =
        goods.stream().flatMap(sku -> sku.images().stream()).distinct().limit(10).toList();
    return submit(
        actor,
        new NewListing(shopId, goodsId, first.title(), first.categoryId(), images, listed),
        SOURCE_ERP);
  }

  // ---- queries and changes through the API

  public Listing get(final Actor actor, final String listingId) {
    return listings
        .find(listingId)
        .filter(l -> actor.shops().allows(l.shopId()))
        .orElseThrow(() -> new NotFoundException("listing", listingId));
  }

  public Listing find(final String listingId) {
    return listings.find(listingId).orElseThrow(() -> new NotFoundException("listing", listingId));
  }

  public Page<Listing> list(final ListingQuery query) {
    return listings.list(query);
  }

  /** Ids of the listings under way or on sale. */
  public List<String> unfinished() {
    return listings.unfinished();
  }

  /** Replaces the content of a listing that needs fixing; the fix task then resubmits it. */
  @Transactional
  public Listing update(final Actor actor, final String listingId, final NewListing content) {
    final Listing listing = get(actor, listingId);
    final NewListing merged =
        new NewListing(
            listing.shopId(),
            listing.outerGoodsId(),
            content.title(),
            content.categoryId(),
            content.images(),
            content.skus());
    final List<FieldError> errors = merged.shapeErrors();
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    if (listing.status() != ListingStatus.NEEDS_FIX) {
      throw new ConflictException(
          "listing-not-editable",
          "listing " + listingId + " is " + listing.status() + ": only NEEDS_FIX can be changed");
    }
    listings.replaceContent(
        listingId,
        merged.title().strip(),
        merged.categoryId(),
        merged.images().stream().map(String::strip).toList(),
        merged.skus(),
        clock.instant());
    record(listingId, "LISTING_CHANGED", "content replaced", actor.name());
    return find(listingId);
  }

  /**
   * Asks the listing's process to take the goods off sale, or to stop before they get there. Asking
   * again changes nothing; an ended listing answers with a conflict.
   */
  @Transactional
  public Listing requestDelist(final Actor actor, final String listingId, final String reason) {
    final Listing listing = get(actor, listingId);
    if (!listing.status().isActive()) {
      throw new ConflictException(
          "listing-closed", "listing " + listingId + " is " + listing.status() + " already");
    }
    if (listings.markDelistRequested(listingId, clock.instant())) {
      final String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
      record(listingId, "DELIST_REQUESTED", why, actor.name());
      publish(
          MessageNames.LISTING_DELIST_REQUESTED,
          listingId,
          Map.of("delistReason", why.length() > 500 ? why.substring(0, 500) : why));
    }
    return find(listingId);
  }

  // ---- steps of the listing process

  /**
   * Checks what a person must fix before the listing goes anywhere: its shape, SKUs the catalogue
   * knows, and prices that look like a unit mistake against cost. Also returns the review policy's
   * inputs.
   */
  @Transactional
  public Validation validate(final String listingId) {
    final Listing listing = find(listingId);
    final List<String> problems = new ArrayList<>();
    new NewListing(
            listing.shopId(),
            listing.outerGoodsId(),
            listing.title(),
            listing.categoryId(),
            listing.images(),
            listing.skus())
        .shapeErrors()
        .forEach(e -> problems.add(e.field() + ": " + e.message()));
    final Map<String, Sku> known =
        skus.findAll(listing.skus().stream().map(ListingSku::outerSkuId).toList()).stream()
            .collect(Collectors.toMap(Sku::outerSkuId, Function.identity()));
    Long lowestPercent = null;
    for (final ListingSku sku : listing.skus()) {
      final Sku master = known.get(sku.outerSkuId());
      if (master == null) {
        problems.add(
            "SKU " + sku.outerSkuId() + " is not in the catalogue: import it from the ERP first");
        continue;
      }
      if (master.costFen() != null && master.costFen() > 0) {
        final long percent = sku.priceFen() * 100 / master.costFen();
        lowestPercent = lowestPercent == null ? percent : Math.min(lowestPercent, percent);
        if (percent < settings.minPriceToCostPercent()) {
          problems.add(
              "SKU "
                  + sku.outerSkuId()
                  + " costs "
                  + master.costFen()
                  + " fen but is priced "
                  + sku.priceFen()
                  + " fen ("
                  + percent
                  + "% of cost): a unit mistake?");
        }
      }
    }
    final Instant now = clock.instant();
    listings.recordProblems(listingId, problems, now);
    if (!problems.isEmpty()
        && listings.moveTo(listingId, BEFORE_PUBLICATION, ListingStatus.NEEDS_FIX, now)) {
      record(listingId, "LISTING_INVALID", String.join("; ", problems), Timeline.SYSTEM);
    }
    return new Validation(problems, listing.categoryId(), listing.title(), lowestPercent);
  }

  @Transactional
  public void recordDecision(final String listingId, final String decision, final String rule) {
    final Instant now = clock.instant();
    listings.recordDecision(listingId, decision, rule, now);
    listings.moveTo(
        listingId,
        BEFORE_PUBLICATION,
        "REVIEW".equals(decision) ? ListingStatus.IN_REVIEW : ListingStatus.APPROVED,
        now);
    record(
        listingId,
        "LISTING_DECISION",
        decision + (rule == null ? "" : " (" + rule + ")"),
        "review policy");
  }

  @Transactional
  public void reject(final String listingId, final String comment, final String reviewer) {
    final String why = comment == null || comment.isBlank() ? "refused in review" : comment;
    if (listings.close(listingId, ListingStatus.REJECTED, why, clock.instant())) {
      record(listingId, "LISTING_REJECTED", why, reviewer == null ? "reviewer" : reviewer);
    }
  }

  /**
   * Starts or resumes the publication. {@code resumed} tells that an earlier attempt may have
   * reached the platform without its answer being recorded: look the goods up before adding.
   */
  @Transactional
  public Publication beginPublication(final String listingId) {
    final Instant now = clock.instant();
    listings.moveTo(listingId, BEFORE_PUBLICATION, ListingStatus.APPROVED, now);
    final boolean first = listings.markPublishStarted(listingId, now);
    return new Publication(find(listingId), !first);
  }

  /** A publication under way: the listing, and whether an earlier attempt was interrupted. */
  public record Publication(Listing listing, boolean resumed) {}

  @Transactional
  public void published(final String listingId, final long goodsId, final long goodsCommitId) {
    final Instant now = clock.instant();
    listings.recordPublished(listingId, goodsId, goodsCommitId, now);
    if (listings.moveTo(
        listingId, List.of(ListingStatus.APPROVED), ListingStatus.PLATFORM_REVIEW, now)) {
      record(
          listingId,
          "LISTING_PUBLISHED",
          "goods " + goodsId + ", commit " + goodsCommitId + ": in the platform's review",
          Timeline.SYSTEM);
    }
  }

  @Transactional
  public void platformRejected(final String listingId, final String reason) {
    final Instant now = clock.instant();
    final String why = reason == null || reason.isBlank() ? "no reason given" : reason;
    listings.recordPlatformRejection(listingId, why, now);
    if (listings.moveTo(
        listingId, List.of(ListingStatus.PLATFORM_REVIEW), ListingStatus.NEEDS_FIX, now)) {
      record(listingId, "PLATFORM_REJECTED", why, "pdd");
    }
  }

  /** A person fixed the listing (title or category from the task, the rest through the API). */
  @Transactional
  public void applyFix(
      final String listingId,
      final String title,
      final Long categoryId,
      final String comment,
      final String actor) {
    final Listing listing = find(listingId);
    final Instant now = clock.instant();
    if ((title != null && !title.isBlank()) || (categoryId != null && categoryId > 0)) {
      listings.replaceContent(
          listingId,
          title != null && !title.isBlank() ? title.strip() : listing.title(),
          categoryId != null && categoryId > 0 ? categoryId : listing.categoryId(),
          listing.images(),
          listing.skus(),
          now);
    }
    if (listings.moveTo(
        listingId, List.of(ListingStatus.NEEDS_FIX), ListingStatus.SUBMITTED, now)) {
      record(
          listingId,
          "LISTING_RESUBMITTED",
          comment == null || comment.isBlank() ? "fixed" : comment,
          actor == null ? "ops" : actor);
    }
  }

  @Transactional
  public void withdraw(final String listingId, final String comment, final String actor) {
    final String why = comment == null || comment.isBlank() ? "withdrawn" : comment;
    if (listings.close(listingId, ListingStatus.WITHDRAWN, why, clock.instant())) {
      record(listingId, "LISTING_WITHDRAWN", why, actor == null ? "ops" : actor);
    }
  }

  /** On sale: from now on the SKUs' stock figures on PDD follow the ledger. */
  @Transactional
  public void listed(final String listingId) {
    final Listing listing = find(listingId);
    final Instant now = clock.instant();
    if (listings.moveTo(
        listingId, List.of(ListingStatus.PLATFORM_REVIEW), ListingStatus.LISTED, now)) {
      listings.markListed(listingId, now);
      stockPush.track(
          listing.shopId(),
          listing.goodsId(),
          listing.skus().stream().map(ListingSku::outerSkuId).toList());
      record(listingId, "LISTED", "on sale as goods " + listing.goodsId(), Timeline.SYSTEM);
    }
  }

  @Transactional
  public void delisted(final String listingId, final String reason) {
    final Listing listing = find(listingId);
    final String why = reason == null || reason.isBlank() ? "delisted" : reason;
    if (listings.close(listingId, ListingStatus.DELISTED, why, clock.instant())) {
      stockPush.untrack(
          listing.shopId(), listing.skus().stream().map(ListingSku::outerSkuId).toList());
      record(
          listingId,
          "DELISTED",
          (listing.listedAt() != null ? "taken off sale: " : "taken down before sale: ") + why,
          Timeline.SYSTEM);
    }
  }

  private void publish(
      final String name, final String listingId, final Map<String, Object> variables) {
    outbox.add(
        new OutboxMessage(
            name, listingId, name + ":" + listingId, variables, settings.messageTimeToLive()));
  }

  private void record(
      final String listingId, final String type, final String detail, final String actor) {
    timeline.record(BUSINESS_TYPE, listingId, null, type, detail, actor);
  }
}
