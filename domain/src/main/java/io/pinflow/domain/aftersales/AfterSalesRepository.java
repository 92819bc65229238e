package io.pinflow.domain.aftersales;

import io.pinflow.domain.common.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface AfterSalesRepository {

  /** Inserts the case; false when a case with this id exists. */
  boolean insert(AfterSalesCase afterSales);

  Optional<AfterSalesCase> find(String afterSalesId);

  Page<AfterSalesCase> list(AfterSalesQuery query);

  /** Cases not closed yet, oldest first, except generated sample history. */
  List<String> unfinished();

  /** Cases of the same buyer (as far as masked data tells) in the shop since {@code since}. */
  int recentCasesOfBuyer(String shopId, String orderSn, Instant since);

  void recordDecision(String afterSalesId, String decision, String rule, Instant at);

  void markMissedDeadline(String afterSalesId, Instant at);

  /** Moves the case to {@code to} unless it is final already; false when nothing changed. */
  boolean moveTo(String afterSalesId, AfterSalesStatus to, Instant at);

  /** Closes the case with its outcome; the first closing wins. */
  boolean close(
      String afterSalesId,
      AfterSalesStatus status,
      String outcome,
      Long refundedAmountFen,
      String refusalReason,
      Instant at);

  /**
   * Notes that the buyer withdrew the request on the platform, once and only while the case is
   * open; false when it was noted already or the case is final.
   */
  boolean markWithdrawn(String afterSalesId, Instant at);

  /**
   * The return parcel arrived with {@code inspection}: the case moves to INSPECTING, only from OPEN
   * or AWAITING_RETURN, in one statement; false when the case was past waiting (a repeated or late
   * report), which then leaves its inspection as it was.
   */
  boolean recordReturn(String afterSalesId, String inspection, Instant at);

  /**
   * Marks an inspected return that passed (INSPECTING, inspection OK) as restocked, in one
   * statement: of concurrent callers exactly one gets true, and only that one puts the goods back.
   */
  boolean markRestocked(String afterSalesId, Instant at);

  void recordReplacementTracking(String afterSalesId, String trackingNumber, Instant at);
}
