package io.pinflow.domain.order;

import java.time.Instant;
import java.util.List;

/**
 * A PDD order and what Pinflow did with it. The order owns its lines and shipments; holds (risk
 * review, ship hold, a group still forming) keep it from shipping; money is in fen. {@code
 * platformReceivedAt} is when the platform first reported the buyer's receipt.
 */
public record Order(
    String orderSn,
    String shopId,
    OrderStatus status,
    String source,
    Instant confirmTime,
    Instant lastShipTime,
    long payAmountFen,
    long goodsAmountFen,
    Receiver receiver,
    Holds holds,
    WmsState wmsState,
    Instant cancelRequestedAt,
    String cancelReason,
    boolean shipByAtRisk,
    boolean shipByBreached,
    Instant shippedAt,
    Instant deliveredAt,
    Instant completedAt,
    Instant cancelledAt,
    Instant platformReceivedAt,
    Instant createdAt,
    Instant updatedAt,
    int version,
    List<OrderLine> lines,
    List<Shipment> shipments) {

  public static final String SOURCE_API = "API";
  public static final String SOURCE_PDD = "PDD_SYNC";

  public Order {
    lines = List.copyOf(lines);
    shipments = shipments == null ? List.of() : List.copyOf(shipments);
  }

  /** What keeps an order from shipping, as the platform reports it. */
  public record Holds(boolean riskReview, boolean shipHold, boolean groupForming) {

    public static final Holds NONE = new Holds(false, false, false);

    public boolean any() {
      return riskReview || shipHold || groupForming;
    }

    public String describe() {
      final var reasons = new java.util.ArrayList<String>();
      if (riskReview) {
        reasons.add("risk review");
      }
      if (shipHold) {
        reasons.add("ship hold");
      }
      if (groupForming) {
        reasons.add("group not formed");
      }
      return String.join(", ", reasons);
    }
  }

  public boolean isCancelRequested() {
    return cancelRequestedAt != null;
  }
}
