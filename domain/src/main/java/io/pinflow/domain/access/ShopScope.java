package io.pinflow.domain.access;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shops a user or API key may see: all of them, or a fixed set. Objects of other shops do not
 * exist for the caller: single reads answer "not found", lists and totals leave them out.
 */
public record ShopScope(boolean all, Set<String> shops) {

  public static final String ALL_SHOPS = "*";
  private static final ShopScope EVERYTHING = new ShopScope(true, Set.of());

  public ShopScope {
    shops = all ? Set.of() : Set.copyOf(shops);
  }

  public static ShopScope everything() {
    return EVERYTHING;
  }

  public static ShopScope of(final Collection<String> shops) {
    return new ShopScope(false, Set.copyOf(shops));
  }

  /** From the API form: {@code ["*"]} or a list of shop ids. */
  public static ShopScope fromGrant(final Collection<String> grant) {
    return grant.contains(ALL_SHOPS) ? everything() : of(grant);
  }

  public boolean allows(final String shopId) {
    return all || (shopId != null && shops.contains(shopId));
  }

  /** Whether everything this scope allows is also allowed by {@code other}. */
  public boolean isWithin(final ShopScope other) {
    return other.all || (!all && other.shops.containsAll(shops));
  }

  public boolean isEmpty() {
    return !all && shops.isEmpty();
  }

  /** The API form: {@code ["*"]} or the sorted shop ids. */
  public Set<String> asGrant() {
    return all ? Set.of(ALL_SHOPS) : new TreeSet<>(shops);
  }
}
