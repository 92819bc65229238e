package io.pinflow.domain.aftersales;

import java.time.Instant;

/**
 * A buyer's after-sales request and what Pinflow did with it: the decision (automatic or by a
 * person), whether the merchant's deadline was missed, the inspection of a return, the amount
 * refunded. Money in fen.
 */
public record AfterSalesCase(
    String afterSalesId,
    String shopId,
    String orderSn,
    AfterSalesType type,
    AfterSalesStatus status,
    String source,
    String reason,
    long refundAmountFen,
    Long refundedAmountFen,
    Instant expireTime,
    boolean orderShipped,
    int buyerRecentCases,
    String decision,
    String decisionRule,
    String outcome,
    boolean missedDeadline,
    String refusalReason,
    String inspection,
    String replacementTracking,
    Instant openedAt,
    Instant closedAt,
    Instant withdrawnAt,
    Instant updatedAt,
    int version) {}
