package io.pinflow.domain.stock;

import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.ValidationException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * Stock per SKU: on hand, reserved, available. Reservations are keyed by their owner, so a repeated
 * request reserves once; available never goes below zero, however many requests race.
 */
public class StockLedger {

  private final StockRepository repository;
  private final List<StockListener> listeners;

  public StockLedger(final StockRepository repository, final List<StockListener> listeners) {
    this.repository = repository;
    this.listeners = List.copyOf(listeners);
  }

  public StockLevel level(final String outerSkuId) {
    return repository.level(outerSkuId).orElseThrow(() -> new NotFoundException("SKU", outerSkuId));
  }

  public List<StockLevel> levels(final List<String> outerSkuIds) {
    return repository.levels(outerSkuIds);
  }

  /**
   * Reserves in the repository's own transaction (a shortage rolls back only its own work); the
   * listeners hear of it right after. Should the process die in between, the stock push's periodic
   * reconciliation still catches the change.
   */
  public Reservation reserve(final StockOwner owner, final List<StockDemand> demands) {
    return reserve(owner, demands, Map.of());
  }

  /** Reserves, drawing each SKU from its pool (an active campaign's stock) first. */
  public Reservation reserve(
      final StockOwner owner,
      final List<StockDemand> demands,
      final Map<String, StockOwner> pools) {
    final Reservation reservation = repository.reserve(owner, demands, pools);
    if (reservation instanceof Reservation.Reserved reserved && !reserved.alreadyHeld()) {
      notify(demands.stream().map(StockDemand::outerSkuId).toList(), false);
    }
    return reservation;
  }

  @Transactional
  public void release(final StockOwner owner) {
    notify(repository.release(owner), true);
  }

  /** What the owner holds now, by SKU. */
  public Map<String, Integer> held(final StockOwner owner) {
    return repository.held(owner);
  }

  @Transactional
  public void consume(final StockOwner owner) {
    repository.consume(owner);
  }

  /** Absolute quantities, as counted by the ERP or a person. */
  @Transactional
  public void setOnHand(final List<StockDemand> quantities) {
    for (final StockDemand quantity : quantities) {
      if (quantity.quantity() < 0 || quantity.quantity() > 100_000_000) {
        throw ValidationException.of(
            "onHand", "must be between 0 and 100000000 for " + quantity.outerSkuId());
      }
    }
    final StockRepository.OnHandChanges changes = repository.setOnHand(quantities);
    notify(changes.increased(), true);
    notify(changes.decreased(), false);
  }

  @Transactional
  public void restock(final String outerSkuId, final int quantity) {
    repository.restock(outerSkuId, quantity);
    notify(List.of(outerSkuId), true);
  }

  private void notify(final List<String> skus, final boolean increased) {
    if (!skus.isEmpty()) {
      listeners.forEach(listener -> listener.availableChanged(skus, increased));
    }
  }
}
