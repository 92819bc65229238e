package io.pinflow.domain.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.shop.Shop;
import io.pinflow.domain.testing.TestDatabase;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JdbcShopRepositoryTest {

  private final JdbcShopRepository shops = new JdbcShopRepository(TestDatabase.jdbc());

  @Test
  void shopsAreFoundByIdAndWithinAScope() {
    final String id = "shop-" + System.nanoTime();
    final Shop shop = new Shop(id, "Shop", "PDD", null, null, true, 0, Instant.now());

    assertThat(shops.insert(shop)).isTrue();
    assertThat(shops.insert(shop)).isFalse();
    assertThat(shops.existing(Set.of(id, "unknown-shop"))).containsExactly(id);
    assertThat(shops.list(ShopScope.of(Set.of(id)))).extracting(Shop::shopId).containsExactly(id);
    assertThat(shops.list(ShopScope.of(Set.of()))).isEmpty();
    assertThat(shops.list(ShopScope.everything())).extracting(Shop::shopId).contains(id);
  }
}
