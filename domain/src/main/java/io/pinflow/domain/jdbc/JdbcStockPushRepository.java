package io.pinflow.domain.jdbc;

import io.pinflow.domain.stock.StockPushRepository;
import io.pinflow.domain.stock.StockPushState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcStockPushRepository implements StockPushRepository {

  private static final String COLUMNS =
      "shop_id, outer_sku_id, goods_id, dirty, dirty_since, change_count, pushed_quantity,"
          + " pushed_at, push_calls, failed_at, failure";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;

  JdbcStockPushRepository(final JdbcClient jdbc, final NamedParameterJdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  @Override
  public void track(
      final String shopId,
      final long goodsId,
      final Collection<String> outerSkuIds,
      final Instant at) {
    template.batchUpdate(
        "INSERT INTO stock_push (shop_id, outer_sku_id, goods_id, dirty, dirty_since,"
            + " change_count) VALUES (:shop, :sku, :goods, TRUE, :at, 1) ON DUPLICATE KEY UPDATE"
            + " goods_id = VALUES(goods_id), dirty = TRUE, dirty_since = COALESCE(dirty_since,"
            + " VALUES(dirty_since)), change_count = change_count + 1, pushed_quantity = NULL,"
            + " failed_at = NULL, failure = NULL",
        outerSkuIds.stream()
            .map(
                sku ->
                    new MapSqlParameterSource()
                        .addValue("shop", shopId)
                        .addValue("sku", sku)
                        .addValue("goods", goodsId)
                        .addValue("at", Sql.timestamp(at)))
            .toArray(MapSqlParameterSource[]::new));
  }

  @Override
  public void untrack(final String shopId, final Collection<String> outerSkuIds) {
    if (outerSkuIds.isEmpty()) {
      return;
    }
    jdbc.sql("DELETE FROM stock_push WHERE shop_id = :shop AND outer_sku_id IN (:skus)")
        .param("shop", shopId)
        .param("skus", outerSkuIds)
        .update();
  }

  @Override
  public void markShopDirty(final String shopId, final Instant at) {
    jdbc.sql(
            "UPDATE stock_push SET dirty = TRUE, dirty_since = COALESCE(dirty_since, :at),"
                + " change_count = change_count + 1 WHERE shop_id = :shop")
        .param("at", Sql.timestamp(at))
        .param("shop", shopId)
        .update();
  }

  @Override
  public int reconcile(final Instant at) {
    return jdbc.sql(
            "UPDATE stock_push p JOIN stock s ON s.outer_sku_id = p.outer_sku_id JOIN shops h ON"
                + " h.shop_id = p.shop_id SET p.dirty = TRUE, p.dirty_since = :at, p.change_count ="
                + " p.change_count + 1 WHERE p.dirty = FALSE AND p.failed_at IS NULL AND"
                + " (p.pushed_quantity IS NULL OR p.pushed_quantity <> GREATEST(0, s.on_hand -"
                + " s.reserved - h.stock_safety_buffer) + "
                + JdbcCampaignStock.committedSql("p.shop_id", "p.outer_sku_id")
                + ")")
        .param("at", Sql.timestamp(at))
        .update();
  }

  @Override
  public void markDirty(final Collection<String> outerSkuIds, final Instant at) {
    if (outerSkuIds.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE stock_push SET dirty = TRUE, dirty_since = COALESCE(dirty_since, :at),"
                + " change_count = change_count + 1 WHERE outer_sku_id IN (:skus)")
        .param("at", Sql.timestamp(at))
        .param("skus", outerSkuIds)
        .update();
  }

  @Override
  public List<StockPushState> due(
      final Instant settledBefore, final Instant failedBefore, final int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM stock_push WHERE dirty = TRUE AND dirty_since <= :settled AND (failed_at"
                + " IS NULL OR failed_at <= :failed) ORDER BY dirty_since LIMIT :limit")
        .param("settled", Sql.timestamp(settledBefore))
        .param("failed", Sql.timestamp(failedBefore))
        .param("limit", limit)
        .query(JdbcStockPushRepository::map)
        .list();
  }

  @Override
  public void recordPushed(
      final String shopId,
      final String outerSkuId,
      final long seenChangeCount,
      final int quantity,
      final boolean called,
      final Instant at) {
    // changes that came in after the figure was read keep the row dirty, from their own time
    jdbc.sql(
            "UPDATE stock_push SET dirty = (change_count <> :seen), dirty_since = IF(change_count"
                + " <> :seen, :at, NULL), pushed_quantity = :quantity, pushed_at = IF(:called,"
                + " :at, pushed_at), push_calls = push_calls + IF(:called, 1, 0), failed_at ="
                + " NULL, failure = NULL WHERE shop_id = :shop AND outer_sku_id = :sku")
        .param("seen", seenChangeCount)
        .param("at", Sql.timestamp(at))
        .param("quantity", quantity)
        .param("called", called)
        .param("shop", shopId)
        .param("sku", outerSkuId)
        .update();
  }

  @Override
  public void retry(final String shopId, final String outerSkuId, final Instant dueSince) {
    jdbc.sql(
            "UPDATE stock_push SET failed_at = NULL, failure = NULL, dirty = TRUE, dirty_since ="
                + " :since, change_count = change_count + 1 WHERE shop_id = :shop AND"
                + " outer_sku_id = :sku")
        .param("since", Sql.timestamp(dueSince))
        .param("shop", shopId)
        .param("sku", outerSkuId)
        .update();
  }

  @Override
  public void recordFailure(
      final String shopId, final String outerSkuId, final String failure, final Instant at) {
    jdbc.sql(
            "UPDATE stock_push SET failed_at = :at, failure = :failure WHERE shop_id = :shop AND"
                + " outer_sku_id = :sku")
        .param("at", Sql.timestamp(at))
        .param("failure", failure)
        .param("shop", shopId)
        .param("sku", outerSkuId)
        .update();
  }

  @Override
  public List<StockPushState> ofSku(final String outerSkuId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM stock_push WHERE outer_sku_id = :sku")
        .param("sku", outerSkuId)
        .query(JdbcStockPushRepository::map)
        .list();
  }

  private static StockPushState map(final ResultSet rs, final int row) throws SQLException {
    final Integer pushed = rs.getObject("pushed_quantity", Integer.class);
    return new StockPushState(
        rs.getString("shop_id"),
        rs.getString("outer_sku_id"),
        rs.getLong("goods_id"),
        rs.getBoolean("dirty"),
        Sql.instant(rs, "dirty_since"),
        rs.getLong("change_count"),
        pushed,
        Sql.instant(rs, "pushed_at"),
        rs.getLong("push_calls"),
        Sql.instant(rs, "failed_at"),
        rs.getString("failure"));
  }
}
