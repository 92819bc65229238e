package io.pinflow.domain.access;

import java.util.Set;

/**
 * Who is calling: a person, an integration's API key, or Pinflow itself (workers, schedules). An
 * actor holds roles, the permissions they grant and the shops it may see.
 */
public record Actor(
    String name, Type type, Set<String> roles, Set<Permission> permissions, ShopScope shops) {

  public enum Type {
    USER,
    API_KEY,
    SYSTEM
  }

  private static final Actor SYSTEM =
      new Actor(
          "pinflow", Type.SYSTEM, Set.of(), Set.of(Permission.values()), ShopScope.everything());

  public Actor {
    roles = Set.copyOf(roles);
    permissions = Set.copyOf(permissions);
  }

  public static Actor system() {
    return SYSTEM;
  }

  /** Pinflow acting on behalf of one of its own components, named in audit and timelines. */
  public static Actor system(final String name) {
    return new Actor(
        name, Type.SYSTEM, Set.of(), Set.of(Permission.values()), ShopScope.everything());
  }

  public boolean can(final Permission permission) {
    return permissions.contains(permission);
  }

  public boolean hasAnyRole(final Set<String> candidateGroups) {
    return candidateGroups.stream().anyMatch(roles::contains);
  }
}
