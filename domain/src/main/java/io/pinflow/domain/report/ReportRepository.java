package io.pinflow.domain.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The report queries, over the service's own tables. */
public interface ReportRepository {

  /** Bucket width of the time-to-ship histograms. */
  long SHIP_BUCKET_SECONDS = 15 * 60;

  /** Counts of one fulfilment group with its time-to-ship histogram, before percentages. */
  record FulfilmentCounts(
      String key,
      long orders,
      Long units,
      long gmvFen,
      long shipped,
      long shippedOnTime,
      Double avgShipSeconds,
      Histogram shipTimes,
      long deadlineBreaches,
      long cancellations) {}

  /**
   * Fulfilment counts per group; {@code offsetSeconds} is the report zone's offset from UTC (day
   * keys), {@code now} decides whether an unshipped order is past its deadline.
   */
  List<FulfilmentCounts> fulfilment(ReportQuery query, int offsetSeconds, Instant now);

  /** Counts of one after-sales group, before rates. */
  record AfterSalesCounts(
      String key,
      long cases,
      long refundAmountFen,
      long refundedAmountFen,
      long refunded,
      long rejected,
      long open,
      Double avgHandlingSeconds,
      long missedDeadlines) {}

  List<AfterSalesCounts> afterSales(ReportQuery query, int offsetSeconds);

  /** Orders confirmed in the range per day or shop (the refund rate's denominator). */
  Map<String, Long> orderCounts(ReportQuery query, int offsetSeconds);
}
