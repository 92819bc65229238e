package io.pinflow.domain.stock;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface StockRepository {

  Optional<StockLevel> level(String outerSkuId);

  List<StockLevel> levels(Collection<String> outerSkuIds);

  /**
   * Reserves all demands or none, atomically; the owner's second request changes nothing. Must hold
   * under concurrent requests for the same stock. A SKU with a pool takes what it can from the
   * pool's reservation first and the rest from available stock.
   */
  Reservation reserve(StockOwner owner, List<StockDemand> demands, Map<String, StockOwner> pools);

  /** What the owner holds now, by SKU (its open reservation). */
  Map<String, Integer> held(StockOwner owner);

  /** Gives the owner's open reservation back to available stock; returns the SKUs released. */
  List<String> release(StockOwner owner);

  /** The reserved goods left the warehouse: on hand and reserved both go down. */
  List<String> consume(StockOwner owner);

  /** The SKUs whose on-hand count went up, and those whose count went down. */
  record OnHandChanges(List<String> increased, List<String> decreased) {}

  /**
   * Sets the on-hand quantity of each SKU (absolute, as the ERP counts it), creating unknown ones;
   * returns which counts changed.
   */
  OnHandChanges setOnHand(List<StockDemand> quantities);

  /** Adds returned goods back to on-hand stock. */
  void restock(String outerSkuId, int quantity);
}
