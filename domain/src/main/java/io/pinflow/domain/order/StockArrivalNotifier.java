package io.pinflow.domain.order;

import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.domain.stock.StockListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * When stock of a SKU goes up, every order waiting for stock of it is told to try again (message
 * {@code stock-available}); the process re-checks and either reserves or waits on.
 */
public class StockArrivalNotifier implements StockListener {

  private final OrderRepository orders;
  private final Outbox outbox;
  private final Duration timeToLive;
  private final Clock clock;

  public StockArrivalNotifier(
      final OrderRepository orders,
      final Outbox outbox,
      final Duration timeToLive,
      final Clock clock) {
    this.orders = orders;
    this.outbox = outbox;
    this.timeToLive = timeToLive;
    this.clock = clock;
  }

  @Override
  public void availableChanged(final Collection<String> outerSkuIds, final boolean increased) {
    if (!increased) {
      return;
    }
    final long now = clock.millis();
    for (final String orderSn : orders.awaitingStockWith(outerSkuIds)) {
      outbox.add(
          new OutboxMessage(
              MessageNames.STOCK_AVAILABLE,
              orderSn,
              MessageNames.STOCK_AVAILABLE + ":" + orderSn + ":" + now,
              Map.of(),
              timeToLive));
    }
  }
}
