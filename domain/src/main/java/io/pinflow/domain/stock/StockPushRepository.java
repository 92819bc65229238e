package io.pinflow.domain.stock;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

public interface StockPushRepository {

  /** Starts pushing the SKUs' stock to the shop's goods; due at once. */
  void track(String shopId, long goodsId, Collection<String> outerSkuIds, Instant at);

  /** Stops pushing the SKUs' stock to the shop. */
  void untrack(String shopId, Collection<String> outerSkuIds);

  /** The shop's figures must be recomputed (its safety buffer changed). */
  void markShopDirty(String shopId, Instant at);

  /**
   * Marks dirty every clean row whose last pushed figure is not what the ledger and the shop's
   * buffer say now (a change whose mark was lost); returns how many.
   */
  int reconcile(Instant at);

  /** A change of the SKUs' available stock: every shop listing them gets the new figure. */
  void markDirty(Collection<String> outerSkuIds, Instant at);

  /**
   * Dirty rows whose first unpushed change is at least as old as {@code settledBefore}, leaving out
   * those that failed after {@code failedBefore}; oldest first.
   */
  List<StockPushState> due(Instant settledBefore, Instant failedBefore, int limit);

  /**
   * The figure as of change {@code seenChangeCount} reached PDD (or already was there, {@code
   * called} false); the row stays dirty when changes came in meanwhile.
   */
  void recordPushed(
      String shopId,
      String outerSkuId,
      long seenChangeCount,
      int quantity,
      boolean called,
      Instant at);

  /** Forgets a failure and makes the SKU due from {@code dueSince}. */
  void retry(String shopId, String outerSkuId, Instant dueSince);

  void recordFailure(String shopId, String outerSkuId, String failure, Instant at);

  List<StockPushState> ofSku(String outerSkuId);
}
