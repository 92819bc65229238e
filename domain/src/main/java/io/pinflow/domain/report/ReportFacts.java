package io.pinflow.domain.report;

import java.time.Instant;

/**
 * The settled days the reports read instead of the rows. {@link #refresh()} counts the days that
 * settled since the last round and again those whose rows changed; {@link #invalidate} names rows
 * written into days that may have settled already.
 */
public interface ReportFacts {

  /** What the facts count. */
  enum Subject {
    ORDERS,
    AFTER_SALES
  }

  /**
   * One round of the refresh; {@code skipped} when another node or thread was refreshing.
   *
   * @param daysExamined days looked at, per subject and all shops
   * @param daysSettled days of a shop counted into the facts
   * @param monthsRolledUp months of a shop whose SKU rollup was written
   */
  record Refresh(int daysExamined, int daysSettled, int monthsRolledUp, boolean skipped) {

    public static final Refresh SKIPPED = new Refresh(0, 0, 0, true);
  }

  Refresh refresh();

  /**
   * Rows of {@code subject} with times in {@code [from, to]} were written or changed for one shop
   * ({@code shopId} null: any shop); the days they fall on are read from the rows until counted
   * again.
   */
  void invalidate(Subject subject, String shopId, Instant from, Instant to);
}
