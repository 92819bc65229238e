package io.pinflow.domain.access;

import java.time.Instant;
import java.util.Set;

/** A person who signs in with a password. */
public record User(
    String username,
    String passwordHash,
    boolean enabled,
    Set<String> roles,
    ShopScope shops,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  public User {
    roles = Set.copyOf(roles);
  }
}
