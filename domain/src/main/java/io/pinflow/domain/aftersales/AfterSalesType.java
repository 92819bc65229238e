package io.pinflow.domain.aftersales;

import java.util.Optional;

/**
 * What the buyer asks for. PDD's record codes: 1 refund only, 2 return and refund, 3 exchange, 4
 * resend.
 */
public enum AfterSalesType {
  REFUND_ONLY(1),
  RETURN_REFUND(2),
  EXCHANGE(3),
  RESEND(4);

  private final int platformCode;

  AfterSalesType(final int platformCode) {
    this.platformCode = platformCode;
  }

  /** The code of {@code pdd.refund.information.get}'s {@code after_sales_type}. */
  public int platformCode() {
    return platformCode;
  }

  public static Optional<AfterSalesType> ofPlatformCode(final int code) {
    for (final AfterSalesType type : values()) {
      if (type.platformCode == code) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  public static Optional<AfterSalesType> parse(final String value) {
    for (final AfterSalesType type : values()) {
      if (type.name().equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
