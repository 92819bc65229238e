package io.pinflow.domain.stock;

import java.util.Collection;

/** Told when SKUs' available stock changed, inside the transaction of the change. */
public interface StockListener {

  void availableChanged(Collection<String> outerSkuIds, boolean increased);
}
