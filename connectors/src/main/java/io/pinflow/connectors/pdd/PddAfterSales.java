package io.pinflow.connectors.pdd;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The merchant's side of PDD after-sales: agree a refund, agree a return (with the shop's return
 * address), upload the replacement parcel of an exchange or a resend. PDD has no refusal API: a
 * refusal is recorded in Pinflow and argued on the platform by hand.
 */
@Component
public class PddAfterSales {

  private final PddClient pdd;
  private final PddLogistics logistics;
  private final String returnAddressId;

  public PddAfterSales(
      final PddClient pdd,
      final PddLogistics logistics,
      @Value("${pinflow.pdd.return-address-id:1}") final String returnAddressId) {
    this.pdd = pdd;
    this.logistics = logistics;
    this.returnAddressId = returnAddressId;
  }

  /**
   * {@code pdd.refund.agree}. The amount travels as {@code refund_amount} for partial refunds
   * (fen); whether the platform honours a partial amount is not verified.
   */
  public void agreeRefund(
      final String shopId,
      final String afterSalesId,
      final String orderSn,
      final long amountFen,
      final String description) {
    final Map<String, Object> params = new LinkedHashMap<>();
    params.put("after_sales_id", afterSalesId);
    params.put("order_sn", orderSn);
    params.put("operate_desc", description);
    params.put("refund_amount", Long.toString(amountFen));
    pdd.call(shopId, "pdd.refund.agree", params);
  }

  public void agreeReturn(final String shopId, final String afterSalesId, final String orderSn) {
    pdd.call(
        shopId,
        "pdd.refund.returngoods.agree",
        Map.of(
            "after_sales_id", afterSalesId,
            "order_sn", orderSn,
            "return_address_id", returnAddressId,
            "operate_desc", "return agreed"));
  }

  /** The replacement parcel of an exchange ({@code pdd.refund.exchange.shipping}). */
  public void exchangeShipping(
      final String shopId,
      final String afterSalesId,
      final String orderSn,
      final String carrier,
      final String trackingNumber) {
    pdd.call(
        shopId,
        "pdd.refund.exchange.shipping",
        Map.of(
            "after_sales_id", afterSalesId,
            "order_sn", orderSn,
            "logistics_id", logistics.logisticsId(carrier),
            "tracking_number", trackingNumber));
  }

  /** The parcel of a resend, as an extra parcel of the order (type 2: resend). */
  public void resendParcel(
      final String shopId,
      final String orderSn,
      final String carrier,
      final String trackingNumber) {
    pdd.call(
        shopId,
        "pdd.order.upload.extra.logistics",
        Map.of(
            "order_sn",
            orderSn,
            "extra_track_type",
            "2",
            "logistics_id",
            logistics.logisticsId(carrier),
            "tracking_number",
            trackingNumber));
  }
}
