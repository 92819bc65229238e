package io.pinflow.domain.stock;

/** Who holds a reservation: an order, a campaign, or an after-sales replacement. */
public record StockOwner(Type type, String id) {

  public enum Type {
    ORDER,
    CAMPAIGN,
    REPLACEMENT
  }

  public static StockOwner order(final String orderSn) {
    return new StockOwner(Type.ORDER, orderSn);
  }
}
