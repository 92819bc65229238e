package io.pinflow.connectors.pdd;

import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tracking uploads to PDD ({@code pdd.logistics.online.send}). The platform names carriers by its
 * own logistics ids ({@code pdd.logistics.companies.get}); the map of the WMS's carrier codes to
 * them is configurable.
 */
@Component
public class PddLogistics {

  static final String SEND_API = "pdd.logistics.online.send";
  private static final Map<String, String> DEFAULT_CARRIERS =
      Map.of(
          "SF", "44", "YTO", "85", "ZTO", "115", "STO", "1", "YUNDA", "121", "EMS", "118", "JD",
          "120");

  private final PddClient pdd;
  private final Map<String, String> carriers;

  public PddLogistics(final PddClient pdd, final PddMaps maps) {
    this.pdd = pdd;
    final var merged = new java.util.HashMap<>(DEFAULT_CARRIERS);
    // carrier codes are case-insensitive: environment variables arrive lower-cased
    maps.logisticsIds()
        .forEach((carrier, id) -> merged.put(carrier.toUpperCase(java.util.Locale.ROOT), id));
    this.carriers = Map.copyOf(merged);
  }

  /** The platform's logistics id of a carrier code; an unknown carrier is a clear error. */
  public String logisticsId(final String carrier) {
    final String logisticsId = carriers.get(carrier.toUpperCase(java.util.Locale.ROOT));
    if (logisticsId == null) {
      throw new IllegalArgumentException("no PDD logistics id configured for carrier " + carrier);
    }
    return logisticsId;
  }

  /** Uploads the parcel of an order; uploading the same tracking number again is harmless. */
  public void send(
      final String shopId,
      final String orderSn,
      final String carrier,
      final String trackingNumber) {
    final String logisticsId = logisticsId(carrier);
    pdd.call(
        shopId,
        SEND_API,
        Map.of(
            "order_sn", orderSn, "logistics_id", logisticsId, "tracking_number", trackingNumber));
  }
}
