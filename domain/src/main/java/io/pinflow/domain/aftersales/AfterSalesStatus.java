package io.pinflow.domain.aftersales;

/** Where an after-sales case stands; the values of the API contract. */
public enum AfterSalesStatus {
  OPEN,
  AWAITING_RETURN,
  INSPECTING,
  REFUNDED,
  RESHIPPED,
  REJECTED,
  CLOSED;

  public boolean isFinal() {
    return this == REFUNDED || this == RESHIPPED || this == REJECTED || this == CLOSED;
  }
}
