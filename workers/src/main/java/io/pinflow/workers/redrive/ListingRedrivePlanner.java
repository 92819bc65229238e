package io.pinflow.workers.redrive;

import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.ListingStatus;
import io.pinflow.domain.listing.Listings;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.timeline.Timeline;
import io.pinflow.domain.timeline.TimelineEvent;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code listing} from the listing's stored state. A listing on sale is not finished: its process
 * waits for a delisting request, and so does the re-driven one.
 *
 * <table>
 *   <caption>Listing status → where the process starts again</caption>
 *   <tr><th>Status (and what else is stored)</th><th>Step</th></tr>
 *   <tr><td>any, delisting requested</td><td>TaskDelist (LISTED) or TaskTakeDown</td></tr>
 *   <tr><td>SUBMITTED</td><td>TaskValidate</td></tr>
 *   <tr><td>NEEDS_FIX, fix decided</td><td>TaskApplyFix or TaskWithdraw</td></tr>
 *   <tr><td>NEEDS_FIX</td><td>UserTaskFixListing</td></tr>
 *   <tr><td>IN_REVIEW, review decided</td><td>TaskPublish or TaskReject</td></tr>
 *   <tr><td>IN_REVIEW</td><td>UserTaskReviewListing</td></tr>
 *   <tr><td>APPROVED</td><td>TaskPublish (resumes an interrupted publication)</td></tr>
 *   <tr><td>PLATFORM_REVIEW</td><td>TaskCheckPlatformReview</td></tr>
 *   <tr><td>LISTED</td><td>CatchDelistRequested</td></tr>
 * </table>
 */
@Component
class ListingRedrivePlanner implements RedrivePlanner {

  static final String PROCESS = "listing";
  static final String FIX_TASK = "UserTaskFixListing";
  static final String REVIEW_TASK = "UserTaskReviewListing";

  private final Listings listings;
  private final TaskInbox inbox;
  private final Timeline timeline;

  ListingRedrivePlanner(final Listings listings, final TaskInbox inbox, final Timeline timeline) {
    this.listings = listings;
    this.inbox = inbox;
    this.timeline = timeline;
  }

  @Override
  public String businessType() {
    return Listings.BUSINESS_TYPE;
  }

  @Override
  public List<String> unfinished() {
    return listings.unfinished();
  }

  @Override
  public Optional<RedrivePlan> plan(final String listingId) {
    final Listing listing = listings.find(listingId);
    if (!listing.status().isActive()) {
      return Optional.empty();
    }
    final Decisions decisions = new Decisions(inbox.decisions(listingId));
    final Plans plan =
        new Plans(
                businessType(),
                listingId,
                null,
                listing.shopId(),
                PROCESS,
                listings.processVariables(listing))
            .supersedes(MessageNames.LISTING_SUBMITTED + ":" + listingId)
            .put("title", listing.title())
            .put("categoryId", listing.categoryId())
            .put("problems", listing.problems())
            .put("goodsId", listing.goodsId())
            .put("goodsCommitId", listing.goodsCommitId())
            .put("platformRejectReason", listing.platformRejectReason());
    if (listing.delistRequestedAt() != null) {
      plan.put("delistReason", latestDetail(listingId, "DELIST_REQUESTED"))
          .supersedesAll(MessageNames.LISTING_DELIST_REQUESTED);
      if (listing.status() == ListingStatus.LISTED) {
        plan.startBefore("TaskDelist", "delisting requested: taking off sale");
      } else {
        plan.startBefore("TaskTakeDown", "delisting requested: taking down");
      }
      return plan.plan();
    }
    switch (listing.status()) {
      case SUBMITTED -> plan.startBefore("TaskValidate", "submitted: validating");
      case NEEDS_FIX -> needsFix(plan, listing, decisions);
      case IN_REVIEW -> inReview(plan, listing, decisions);
      case APPROVED -> plan.startBefore("TaskPublish", "approved: publishing (resumed)");
      case PLATFORM_REVIEW ->
          plan.startBefore(
              "TaskCheckPlatformReview", "published: asking for the platform's review");
      case LISTED -> plan.startBefore("CatchDelistRequested", "on sale: waiting for a delisting");
      default -> throw new IllegalStateException("ended listing " + listingId);
    }
    return plan.plan();
  }

  private static void needsFix(final Plans plan, final Listing listing, final Decisions decisions) {
    final Optional<TaskDecision> fix = decisions.decidedAfter(FIX_TASK, listing.updatedAt());
    if (fix.isEmpty()) {
      plan.startBefore("UserTaskFixListing", "waiting for a fix");
      return;
    }
    plan.put("fixDecision", fix.get().text("decision"))
        .put("fixedBy", fix.get().completedBy())
        .put("fixComment", fix.get().text("comment"));
    if ("WITHDRAW".equals(fix.get().text("decision"))) {
      plan.startBefore("TaskWithdraw", "ops decided to withdraw");
    } else {
      plan.put("fixTitle", fix.get().text("title"))
          .put("fixCategoryId", fix.get().variables().get("categoryId"))
          .startBefore("TaskApplyFix", "ops fixed it: resubmitting");
    }
  }

  private static void inReview(final Plans plan, final Listing listing, final Decisions decisions) {
    final Optional<TaskDecision> review = decisions.decidedAfter(REVIEW_TASK, listing.updatedAt());
    if (review.isEmpty()) {
      plan.startBefore("UserTaskReviewListing", "waiting for the review");
      return;
    }
    plan.put("reviewDecision", review.get().text("decision"))
        .put("reviewedBy", review.get().completedBy())
        .put("reviewComment", review.get().text("comment"));
    if ("REJECT".equals(review.get().text("decision"))) {
      plan.startBefore("TaskReject", "the reviewer rejected it");
    } else {
      plan.startBefore("TaskPublish", "the reviewer approved it: publishing");
    }
  }

  private String latestDetail(final String listingId, final String type) {
    return timeline.of(Listings.BUSINESS_TYPE, listingId).stream()
        .filter(e -> type.equals(e.type()))
        .map(TimelineEvent::detail)
        .reduce((a, b) -> b)
        .orElse(null);
  }
}
