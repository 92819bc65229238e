package io.pinflow.domain.stock;

import io.pinflow.domain.shop.Shop;
import io.pinflow.domain.shop.ShopRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps PDD's stock figures of listed SKUs in step with the ledger. Every change of available stock
 * marks the SKU dirty in the change's own transaction; the pusher takes dirty SKUs once their first
 * unpushed change has settled (a burst becomes one call), and sends available stock minus the
 * shop's safety buffer plus what an active campaign of the shop holds, so never less than that.
 */
public class StockPush implements StockListener {

  private final StockPushRepository repository;
  private final StockRepository stock;
  private final ShopRepository shops;
  private final StockCommitments commitments;
  private final Settings settings;
  private final Clock clock;

  /**
   * How long the first change of a burst waits for the rest, how long a failed push rests, how many
   * SKUs one round takes.
   */
  public record Settings(Duration settle, Duration failureBackoff, int batchSize) {}

  /** One SKU to push to one shop, with the quantity PDD should show. */
  public record Push(StockPushState state, int quantity) {

    /** PDD shows this already: nothing to send. */
    public boolean unchanged() {
      return state.pushedQuantity() != null && state.pushedQuantity() == quantity;
    }
  }

  public StockPush(
      final StockPushRepository repository,
      final StockRepository stock,
      final ShopRepository shops,
      final StockCommitments commitments,
      final Settings settings,
      final Clock clock) {
    this.repository = repository;
    this.stock = stock;
    this.shops = shops;
    this.commitments = commitments;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void availableChanged(final Collection<String> outerSkuIds, final boolean increased) {
    repository.markDirty(outerSkuIds, clock.instant());
  }

  /** Catches changes whose dirty mark was lost; returns how many SKUs are due again. */
  public int reconcile() {
    return repository.reconcile(clock.instant());
  }

  /** The shop's safety buffer changed: its figures are pushed again. */
  public void shopChanged(final String shopId) {
    repository.markShopDirty(shopId, clock.instant());
  }

  public void track(final String shopId, final long goodsId, final Collection<String> skus) {
    repository.track(shopId, goodsId, skus, clock.instant());
  }

  public void untrack(final String shopId, final Collection<String> skus) {
    repository.untrack(shopId, skus);
  }

  /** The SKUs due for a push now, with the quantity each shop should show. */
  public List<Push> due() {
    final var now = clock.instant();
    final List<StockPushState> due =
        repository.due(
            now.minus(settings.settle()),
            now.minus(settings.failureBackoff()),
            settings.batchSize());
    if (due.isEmpty()) {
      return List.of();
    }
    final Map<String, StockLevel> levels =
        stock.levels(due.stream().map(StockPushState::outerSkuId).distinct().toList()).stream()
            .collect(Collectors.toMap(StockLevel::outerSkuId, Function.identity()));
    final Map<String, Integer> buffers = new HashMap<>();
    return due.stream()
        .map(
            state -> {
              final StockLevel level = levels.get(state.outerSkuId());
              final int available = level == null ? 0 : level.available();
              final int buffer =
                  buffers.computeIfAbsent(
                      state.shopId(),
                      shop -> shops.find(shop).map(Shop::stockSafetyBuffer).orElse(0));
              return new Push(state, quantity(available, buffer, state));
            })
        .toList();
  }

  /**
   * What PDD should show: the free stock less the safety buffer, plus what an active campaign holds
   * for the shop (sold through the campaign, and never to be reduced below on PDD).
   */
  private int quantity(final int available, final int buffer, final StockPushState state) {
    final int offered = Math.max(0, available - Math.max(0, buffer));
    return offered + commitments.committed(state.shopId(), state.outerSkuId());
  }

  /** The push reached PDD, or was not needed. */
  public void done(final Push push, final boolean called) {
    repository.recordPushed(
        push.state().shopId(),
        push.state().outerSkuId(),
        push.state().changeCount(),
        push.quantity(),
        called,
        clock.instant());
  }

  /** The push failed; the SKU stays dirty and rests for the back-off before the next try. */
  public void failed(final Push push, final String failure) {
    repository.recordFailure(
        push.state().shopId(),
        push.state().outerSkuId(),
        failure.length() > 500 ? failure.substring(0, 500) : failure,
        clock.instant());
  }

  /** Someone fixed what made PDD refuse the figure: push it in the next round. */
  public void retryNow(final String shopId, final String outerSkuId) {
    repository.retry(shopId, outerSkuId, clock.instant().minus(settings.settle()));
  }

  public List<StockPushState> ofSku(final String outerSkuId) {
    return repository.ofSku(outerSkuId);
  }
}
