package io.pinflow.domain.access;

import java.time.Instant;
import java.util.Set;

/** An integration's credential; only the SHA-256 hash of the key is stored. */
public record ApiKey(
    String keyId,
    String name,
    String keyHash,
    String keyPrefix,
    Set<String> roles,
    ShopScope shops,
    String createdBy,
    Instant createdAt,
    Instant revokedAt) {

  public ApiKey {
    roles = Set.copyOf(roles);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }
}
