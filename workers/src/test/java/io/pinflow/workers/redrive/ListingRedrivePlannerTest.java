package io.pinflow.workers.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.ListingStatus;
import io.pinflow.domain.listing.Listings;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.task.UserTask;
import io.pinflow.domain.timeline.Timeline;
import io.pinflow.domain.timeline.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a listing's process starts again, from what the database holds about it. */
class ListingRedrivePlannerTest {

  private static final String ID = "L-1";
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final Listings listings = mock(Listings.class);
  private final TaskInbox inbox = mock(TaskInbox.class);
  private final Timeline timeline = mock(Timeline.class);
  private final ListingRedrivePlanner planner =
      new ListingRedrivePlanner(listings, inbox, timeline);

  private RedrivePlan plan(final Listing listing) {
    when(listings.find(ID)).thenReturn(listing);
    when(listings.processVariables(listing)).thenReturn(Map.of("listingId", ID));
    return planner.plan(ID).orElseThrow();
  }

  @Test
  void aFixDecidedBeforeTheStopIsAppliedWithTheNewTitle() {
    when(inbox.decisions(ID))
        .thenReturn(
            List.of(
                new TaskDecision(
                    "t-1",
                    "listing",
                    "UserTaskFixListing",
                    UserTask.Status.COMPLETED,
                    NOW.minusSeconds(60),
                    NOW.minusSeconds(10),
                    "lina",
                    Map.of("decision", "RESUBMIT", "title", "Blue tee, new photos"))));

    final RedrivePlan plan = plan(listing(ListingStatus.NEEDS_FIX, null));

    assertThat(plan.startBefore()).containsExactly("TaskApplyFix");
    assertThat(plan.variables())
        .containsEntry("fixTitle", "Blue tee, new photos")
        .containsEntry("fixedBy", "lina");
  }

  @Test
  void aListingOnSaleWaitsForItsDelistingAndOneRequestedIsCarriedOut() {
    when(timeline.of(Listings.BUSINESS_TYPE, ID))
        .thenReturn(
            List.of(
                new TimelineEvent(
                    1L, "LISTING", ID, null, NOW, "DELIST_REQUESTED", "season over", "lina")));

    assertThat(plan(listing(ListingStatus.LISTED, null)).startBefore())
        .containsExactly("CatchDelistRequested");
    final RedrivePlan delisting = plan(listing(ListingStatus.LISTED, NOW));
    assertThat(delisting.startBefore()).containsExactly("TaskDelist");
    assertThat(delisting.variables()).containsEntry("delistReason", "season over");
    assertThat(plan(listing(ListingStatus.PLATFORM_REVIEW, NOW)).startBefore())
        .containsExactly("TaskTakeDown");
  }

  @Test
  void aPublishedListingAsksThePlatformAboutItsReviewWithItsCommit() {
    final RedrivePlan plan = plan(listing(ListingStatus.PLATFORM_REVIEW, null));

    assertThat(plan.startBefore()).containsExactly("TaskCheckPlatformReview");
    assertThat(plan.variables())
        .containsEntry("goodsId", 600L)
        .containsEntry("goodsCommitId", 601L);
  }

  private static Listing listing(final ListingStatus status, final Instant delistRequestedAt) {
    return new Listing(
        ID,
        "demo-shop",
        "TEE-BLUE",
        "Blue tee",
        1001,
        List.of("https://img.example.com/tee.jpg"),
        List.of(),
        status,
        Listings.SOURCE_API,
        "lina",
        List.of(),
        "AUTO_APPROVE",
        "within policy",
        600L,
        601L,
        NOW.minus(Duration.ofHours(1)),
        1,
        null,
        null,
        delistRequestedAt,
        NOW.minus(Duration.ofHours(2)),
        null,
        null,
        NOW.minus(Duration.ofMinutes(5)));
  }
}
