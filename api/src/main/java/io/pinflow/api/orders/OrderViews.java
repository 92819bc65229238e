package io.pinflow.api.orders;

import io.pinflow.domain.order.Order;
import io.pinflow.domain.timeline.TimelineEvent;
import java.time.Instant;
import java.util.List;

/** How orders look in the API. Buyer data is masked as PDD hands it out. */
public final class OrderViews {

  private OrderViews() {}

  public record OrderView(
      String orderSn,
      String shopId,
      String status,
      String source,
      Instant confirmTime,
      Instant lastShipTime,
      long payAmountFen,
      long goodsAmountFen,
      ReceiverView receiver,
      HoldsView holds,
      boolean shipByAtRisk,
      boolean shipByBreached,
      boolean cancelRequested,
      String cancelReason,
      List<LineView> lines,
      List<ShipmentView> shipments,
      Instant createdAt,
      Instant updatedAt,
      Instant shippedAt,
      Instant deliveredAt,
      Instant completedAt,
      Instant cancelledAt) {}

  public record ReceiverView(String nameMask, String phoneMask, String addressMask) {}

  public record HoldsView(boolean riskReview, boolean shipHold, boolean groupForming) {}

  public record LineView(int lineNo, String outerSkuId, int quantity, long priceFen) {}

  public record ShipmentView(
      String carrier, String trackingNumber, String kind, Instant shippedAt, Instant uploadedAt) {}

  public record TimelineEntry(Instant at, String type, String detail, String actor) {

    public static TimelineEntry of(final TimelineEvent event) {
      return new TimelineEntry(event.at(), event.type(), event.detail(), event.actor());
    }
  }

  public static OrderView of(final Order order) {
    return new OrderView(
        order.orderSn(),
        order.shopId(),
        order.status().name(),
        order.source(),
        order.confirmTime(),
        order.lastShipTime(),
        order.payAmountFen(),
        order.goodsAmountFen(),
        new ReceiverView(
            order.receiver().nameMask(),
            order.receiver().phoneMask(),
            order.receiver().addressMask()),
        new HoldsView(
            order.holds().riskReview(), order.holds().shipHold(), order.holds().groupForming()),
        order.shipByAtRisk(),
        order.shipByBreached(),
        order.isCancelRequested(),
        order.cancelReason(),
        order.lines().stream()
            .map(l -> new LineView(l.lineNo(), l.outerSkuId(), l.quantity(), l.priceFen()))
            .toList(),
        order.shipments().stream()
            .map(
                s ->
                    new ShipmentView(
                        s.carrier(),
                        s.trackingNumber(),
                        s.kind().name(),
                        s.shippedAt(),
                        s.uploadedAt()))
            .toList(),
        order.createdAt(),
        order.updatedAt(),
        order.shippedAt(),
        order.deliveredAt(),
        order.completedAt(),
        order.cancelledAt());
  }
}
