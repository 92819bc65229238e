package io.pinflow.domain.stock;

import java.util.Collection;
import java.util.Map;

/**
 * Stock set aside for a shop that its orders draw from first: the reservation of an active campaign
 * holding the SKU. An order of such a SKU takes its units out of the campaign's reservation.
 */
@FunctionalInterface
public interface StockPools {

  /** The owner of the pool each SKU draws from now, for the SKUs that have one. */
  Map<String, StockOwner> pools(String shopId, Collection<String> outerSkuIds);
}
