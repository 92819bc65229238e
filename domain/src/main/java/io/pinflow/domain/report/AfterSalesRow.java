package io.pinflow.domain.report;

import java.math.BigDecimal;

/**
 * After-sales figures of one group (a day, shop, type, reason or outcome): cases opened in the
 * range, the amounts asked and refunded, how many were refunded, rejected or are still open, the
 * average handling time of the closed ones, missed platform deadlines, and the refund rate
 * (refunded cases per order confirmed in the same range, and the same day or shop when grouped so).
 */
public record AfterSalesRow(
    String key,
    long cases,
    long refundAmountFen,
    long refundedAmountFen,
    long refunded,
    long rejected,
    long open,
    BigDecimal avgHandlingHours,
    long missedDeadlines,
    BigDecimal refundRatePercent) {}
