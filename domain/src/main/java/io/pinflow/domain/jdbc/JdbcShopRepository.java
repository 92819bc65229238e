package io.pinflow.domain.jdbc;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.shop.Shop;
import io.pinflow.domain.shop.ShopRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcShopRepository implements ShopRepository {

  private static final String COLUMNS =
      "shop_id, name, platform, client_id, client_secret_enc, simulated, stock_safety_buffer,"
          + " created_at";

  private final JdbcClient jdbc;

  JdbcShopRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean insert(final Shop shop) {
    try {
      jdbc.sql(
              "INSERT INTO shops ("
                  + COLUMNS
                  + ") VALUES (:shopId, :name, :platform, :clientId, :secret, :simulated,"
                  + " :buffer, :createdAt)")
          .param("shopId", shop.shopId())
          .param("name", shop.name())
          .param("platform", shop.platform())
          .param("clientId", shop.clientId())
          .param("secret", shop.clientSecretEncrypted())
          .param("simulated", shop.simulated())
          .param("buffer", shop.stockSafetyBuffer())
          .param("createdAt", Sql.timestamp(shop.createdAt()))
          .update();
      return true;
    } catch (final DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public void update(final Shop shop) {
    jdbc.sql(
            "UPDATE shops SET name = :name, client_id = :clientId, client_secret_enc = :secret,"
                + " stock_safety_buffer = :buffer WHERE shop_id = :shopId")
        .param("name", shop.name())
        .param("clientId", shop.clientId())
        .param("secret", shop.clientSecretEncrypted())
        .param("buffer", shop.stockSafetyBuffer())
        .param("shopId", shop.shopId())
        .update();
  }

  @Override
  public Optional<Shop> find(final String shopId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM shops WHERE shop_id = :shopId")
        .param("shopId", shopId)
        .query(JdbcShopRepository::map)
        .optional();
  }

  @Override
  public List<Shop> list(final ShopScope scope) {
    if (scope.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM shops WHERE (:all OR shop_id IN (:shops)) ORDER BY shop_id")
        .param("all", scope.all())
        .param("shops", Sql.inList(scope.shops()))
        .query(JdbcShopRepository::map)
        .list();
  }

  @Override
  public Set<String> existing(final Collection<String> shopIds) {
    if (shopIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql("SELECT shop_id FROM shops WHERE shop_id IN (:ids)")
            .param("ids", shopIds)
            .query(String.class)
            .list());
  }

  private static Shop map(final ResultSet rs, final int row) throws SQLException {
    return new Shop(
        rs.getString("shop_id"),
        rs.getString("name"),
        rs.getString("platform"),
        rs.getString("client_id"),
        rs.getString("client_secret_enc"),
        rs.getBoolean("simulated"),
        rs.getInt("stock_safety_buffer"),
        Sql.instant(rs, "created_at"));
  }
}
