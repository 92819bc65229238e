package io.pinflow.domain.jdbc;

import io.pinflow.domain.catalog.Sku;
import io.pinflow.domain.catalog.SkuRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcSkuRepository implements SkuRepository {

  private static final String COLUMNS =
      "outer_sku_id, outer_goods_id, title, category_id, spec, cost_fen, price_fen, images,"
          + " list_on_shop, updated_at";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;

  JdbcSkuRepository(final JdbcClient jdbc, final NamedParameterJdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  @Override
  @Transactional
  public void upsert(final List<Sku> skus) {
    if (skus.isEmpty()) {
      return;
    }
    final SqlParameterSource[] batch =
        skus.stream()
            .map(
                sku ->
                    new MapSqlParameterSource()
                        .addValue("sku", sku.outerSkuId())
                        .addValue("goods", sku.outerGoodsId())
                        .addValue("title", sku.title())
                        .addValue("category", sku.categoryId())
                        .addValue("spec", sku.spec())
                        .addValue("cost", sku.costFen())
                        .addValue("price", sku.priceFen())
                        .addValue(
                            "images",
                            sku.images().isEmpty() ? null : String.join("\n", sku.images()))
                        .addValue("list", sku.listOnShop())
                        .addValue("at", Timestamp.from(sku.updatedAt())))
            .toArray(SqlParameterSource[]::new);
    template.batchUpdate(
        "INSERT INTO skus ("
            + COLUMNS
            + ") VALUES (:sku, :goods, :title, :category, :spec, :cost, :price, :images, :list,"
            + " :at) ON DUPLICATE KEY UPDATE outer_goods_id = VALUES(outer_goods_id), title ="
            + " VALUES(title), category_id = VALUES(category_id), spec = VALUES(spec), cost_fen ="
            + " VALUES(cost_fen), price_fen = VALUES(price_fen), images = VALUES(images),"
            + " list_on_shop = VALUES(list_on_shop), updated_at = VALUES(updated_at)",
        batch);
    template.batchUpdate(
        "INSERT IGNORE INTO stock (outer_sku_id, on_hand, reserved, updated_at)"
            + " VALUES (:sku, 0, 0, :at)",
        batch);
  }

  @Override
  public Optional<Sku> find(final String outerSkuId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM skus WHERE outer_sku_id = :id")
        .param("id", outerSkuId)
        .query(JdbcSkuRepository::map)
        .optional();
  }

  @Override
  public List<Sku> findAll(final Collection<String> outerSkuIds) {
    if (outerSkuIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM skus WHERE outer_sku_id IN (:ids)")
        .param("ids", outerSkuIds)
        .query(JdbcSkuRepository::map)
        .list();
  }

  @Override
  public List<Sku> ofGoods(final String outerGoodsId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM skus WHERE outer_goods_id = :goods ORDER BY outer_sku_id")
        .param("goods", outerGoodsId)
        .query(JdbcSkuRepository::map)
        .list();
  }

  @Override
  public List<GoodsToList> goodsToList(final Instant changedSince) {
    return jdbc.sql(
            "SELECT DISTINCT list_on_shop, outer_goods_id FROM skus WHERE list_on_shop IS NOT"
                + " NULL AND updated_at >= :since ORDER BY list_on_shop, outer_goods_id")
        .param("since", Timestamp.from(changedSince))
        .query((rs, row) -> new GoodsToList(rs.getString(1), rs.getString(2)))
        .list();
  }

  @Override
  public Set<String> existing(final Collection<String> outerSkuIds) {
    if (outerSkuIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql("SELECT outer_sku_id FROM skus WHERE outer_sku_id IN (:ids)")
            .param("ids", outerSkuIds)
            .query(String.class)
            .list());
  }

  private static Sku map(final ResultSet rs, final int row) throws SQLException {
    return new Sku(
        rs.getString("outer_sku_id"),
        rs.getString("outer_goods_id"),
        rs.getString("title"),
        Sql.nullableLong(rs, "category_id"),
        rs.getString("spec"),
        Sql.nullableLong(rs, "cost_fen"),
        Sql.nullableLong(rs, "price_fen"),
        images(rs.getString("images")),
        rs.getString("list_on_shop"),
        Sql.instant(rs, "updated_at"));
  }

  private static List<String> images(final String column) {
    return column == null || column.isBlank() ? List.of() : List.of(column.split("\n"));
  }
}
