package io.pinflow.domain.shop;

import java.time.Instant;

/**
 * A merchant's shop on PDD. {@code simulated} shops are bound to the built-in PDD simulator
 * (embedded mode). The client secret is kept encrypted and never leaves the application.
 */
public record Shop(
    String shopId,
    String name,
    String platform,
    String clientId,
    String clientSecretEncrypted,
    boolean simulated,
    int stockSafetyBuffer,
    Instant createdAt) {

  public boolean hasClientSecret() {
    return clientSecretEncrypted != null;
  }
}
