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

  void recordInspection(String afterSalesId, String inspection, Instant at);

  void recordReplacementTracking(String afterSalesId, String trackingNumber, Instant at);
}
