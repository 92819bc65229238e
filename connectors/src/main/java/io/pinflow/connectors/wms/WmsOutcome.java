package io.pinflow.connectors.wms;

/** The WMS's answer to a delivery order or its cancellation. */
public record WmsOutcome(Result result, String wmsOrderId, String reason) {

  public enum Result {
    /** created, or known already (same idempotency key) */
    ACCEPTED,
    /** refused for good, e.g. an SKU the warehouse does not know */
    REJECTED,
    CANCELLED,
    /** no delivery order for this order: nothing to cancel */
    NOT_FOUND,
    /** too late to cancel: the parcel has left */
    ALREADY_SHIPPED
  }
}
