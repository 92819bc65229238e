package io.pinflow.domain.shop;

import io.pinflow.domain.access.ShopScope;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface ShopRepository {

  /** Inserts the shop; false when a shop with this id exists already. */
  boolean insert(Shop shop);

  /** Stores a changed shop (name, credentials, safety buffer). */
  void update(Shop shop);

  Optional<Shop> find(String shopId);

  List<Shop> list(ShopScope scope);

  /** Which of {@code shopIds} exist. */
  Set<String> existing(Collection<String> shopIds);
}
