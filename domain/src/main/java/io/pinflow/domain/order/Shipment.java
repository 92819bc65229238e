package io.pinflow.domain.order;

import java.time.Instant;

/** A parcel: the original shipment, or a replacement after an exchange or resend. */
public record Shipment(
    String trackingNumber, String carrier, Kind kind, Instant shippedAt, Instant uploadedAt) {

  public enum Kind {
    ORIGINAL,
    EXCHANGE,
    RESEND
  }
}
