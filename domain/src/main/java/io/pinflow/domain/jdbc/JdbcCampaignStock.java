package io.pinflow.domain.jdbc;

import io.pinflow.domain.stock.StockCommitments;
import io.pinflow.domain.stock.StockOwner;
import io.pinflow.domain.stock.StockPools;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Campaign stock as the ledger and the stock push see it: the reservation of a shop's ACTIVE
 * campaign is the pool its orders of those SKUs draw from, and what is left of it is committed on
 * PDD.
 */
@Repository
class JdbcCampaignStock implements StockPools, StockCommitments {

  private final JdbcClient jdbc;

  JdbcCampaignStock(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** SQL for the units active campaigns of a shop still hold of a SKU (column expressions in). */
  static String committedSql(final String shopColumn, final String skuColumn) {
    return "COALESCE((SELECT SUM(r.quantity) FROM stock_reservations r JOIN campaigns c ON"
        + " c.campaign_id = r.owner_id WHERE r.owner_type = 'CAMPAIGN' AND r.status = 'RESERVED'"
        + " AND c.status = 'ACTIVE' AND c.shop_id = "
        + shopColumn
        + " AND r.outer_sku_id = "
        + skuColumn
        + "), 0)";
  }

  @Override
  public Map<String, StockOwner> pools(final String shopId, final Collection<String> outerSkuIds) {
    if (outerSkuIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql(
            "SELECT i.outer_sku_id, MIN(c.campaign_id) FROM campaigns c JOIN campaign_items i ON"
                + " i.campaign_id = c.campaign_id WHERE c.shop_id = :shop AND c.status = 'ACTIVE'"
                + " AND i.outer_sku_id IN (:skus) GROUP BY i.outer_sku_id")
        .param("shop", shopId)
        .param("skus", outerSkuIds)
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list()
        .stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> new StockOwner(StockOwner.Type.CAMPAIGN, e.getValue())));
  }

  @Override
  public int committed(final String shopId, final String outerSkuId) {
    return jdbc.sql("SELECT " + committedSql(":shop", ":sku"))
        .param("shop", shopId)
        .param("sku", outerSkuId)
        .query(Integer.class)
        .single();
  }
}
