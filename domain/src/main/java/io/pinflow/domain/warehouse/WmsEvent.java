package io.pinflow.domain.warehouse;

/**
 * An event the WMS reports on its webhook: an order shipped, a return received (with the inspection
 * result), a delivery order cancelled. {@code eventId} is the WMS's, unique per event.
 */
public record WmsEvent(
    String eventId,
    String type,
    String orderSn,
    String afterSalesId,
    String carrier,
    String trackingNumber,
    String inspection) {

  public static final String SHIPPED = "SHIPPED";
  public static final String RETURN_RECEIVED = "RETURN_RECEIVED";
  public static final String OUTBOUND_CANCELLED = "OUTBOUND_CANCELLED";
}
