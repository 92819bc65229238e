package io.pinflow.domain.access;

import java.util.Set;

/** A named set of permissions; built-in roles cannot be changed. */
public record Role(String name, Set<Permission> permissions, boolean builtin) {

  public Role {
    permissions = Set.copyOf(permissions);
  }
}
