package io.pinflow.api.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * About a thousand generated orders with their lines, parcels and after-sales cases: written in one
 * transaction. Times are epoch milliseconds, {@link #NONE} for none.
 */
final class SampleBatch {

  static final long NONE = Long.MIN_VALUE;

  record OrderRow(
      String orderSn,
      String shopId,
      String status,
      long confirmTime,
      long lastShipTime,
      long payAmountFen,
      long goodsAmountFen,
      String nameMask,
      String phoneMask,
      String addressMask,
      String wmsState,
      long cancelRequestedAt,
      String cancelReason,
      boolean shipByAtRisk,
      boolean shipByBreached,
      long shippedAt,
      long deliveredAt,
      long completedAt,
      long cancelledAt,
      long createdAt,
      long updatedAt,
      int version) {}

  record LineRow(String orderSn, int lineNo, String outerSkuId, int quantity, long priceFen) {}

  record ShipmentRow(
      String orderSn,
      String trackingNumber,
      String carrier,
      String kind,
      long shippedAt,
      long uploadedAt) {}

  record AfterSalesRow(
      String afterSalesId,
      String shopId,
      String orderSn,
      String type,
      String status,
      String reason,
      long refundAmountFen,
      Long refundedAmountFen,
      long expireTime,
      boolean orderShipped,
      int buyerRecentCases,
      String decision,
      String decisionRule,
      String outcome,
      boolean missedDeadline,
      String refusalReason,
      String inspection,
      String replacementTracking,
      long openedAt,
      long closedAt,
      int version) {}

  final List<OrderRow> orders = new ArrayList<>(1_100);
  final List<LineRow> lines = new ArrayList<>(1_600);
  final List<ShipmentRow> shipments = new ArrayList<>(1_100);
  final List<AfterSalesRow> afterSales = new ArrayList<>(100);
}
