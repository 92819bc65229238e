package io.pinflow.domain.outbox;

/** The names of the BPMN messages Pinflow publishes; the models catch these. */
public final class MessageNames {

  public static final String ORDER_RECEIVED = "order-received";
  public static final String ORDER_RELEASED = "order-released";
  public static final String ORDER_CANCEL_REQUESTED = "order-cancel-requested";
  public static final String ORDER_DELIVERED = "order-delivered";

  /** The order process's answer to a cancellation: variable {@code cancelOutcome}. */
  public static final String ORDER_CANCEL_OUTCOME = "order-cancel-outcome";

  public static final String AFTER_SALES_OPENED = "after-sales-opened";
  public static final String AFTER_SALES_WITHDRAWN = "after-sales-withdrawn";
  public static final String STOCK_AVAILABLE = "stock-available";
  public static final String WMS_SHIPPED = "wms-shipped";
  public static final String WMS_RETURN_RECEIVED = "wms-return-received";
  public static final String WMS_OUTBOUND_CANCELLED = "wms-outbound-cancelled";
  public static final String WMS_REPLACEMENT_SHIPPED = "wms-replacement-shipped";
  public static final String LISTING_SUBMITTED = "listing-submitted";
  public static final String LISTING_DELIST_REQUESTED = "listing-delist-requested";
  public static final String CAMPAIGN_SUBMITTED = "campaign-submitted";
  public static final String CAMPAIGN_STOP_REQUESTED = "campaign-stop-requested";

  private MessageNames() {}
}
