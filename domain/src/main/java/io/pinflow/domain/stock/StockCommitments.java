package io.pinflow.domain.stock;

/**
 * Stock a shop has promised elsewhere: the quantity of a SKU committed to an active campaign on the
 * platform, which PDD does not let a stock update go below.
 */
@FunctionalInterface
public interface StockCommitments {

  int committed(String shopId, String outerSkuId);
}
