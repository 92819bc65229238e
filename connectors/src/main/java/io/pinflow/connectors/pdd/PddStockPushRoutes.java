package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.connectors.support.ConnectorErrorPolicy;
import io.pinflow.connectors.support.DeadLetters;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.Incidents;
import io.pinflow.domain.stock.StockPush;
import io.pinflow.domain.stock.StockPush.Push;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Pushes stock figures to PDD ({@code pdd.goods.quantity.update}): each round takes the SKUs whose
 * changes have settled and sends the latest figure once, within the shop's rate limit. A failure
 * leaves the SKU due again after a back-off; one the platform refuses for good also shows as an
 * incident, whose retry pushes at once.
 */
@Component
public class PddStockPushRoutes extends RouteBuilder {

  static final String RETRY = "direct:pdd-stock-push-retry";
  private static final Logger LOG = LoggerFactory.getLogger(PddStockPushRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StockPush stockPush;
  private final PddGoods goods;
  private final Incidents incidents;
  private final Clock clock;
  private final boolean enabled;
  private final long intervalMillis;
  private final long reconcileMillis;

  public PddStockPushRoutes(
      final StockPush stockPush,
      final PddGoods goods,
      final Incidents incidents,
      final Clock clock,
      @Value("${pinflow.stock-push.enabled:true}") final boolean enabled,
      @Value("${pinflow.stock-push.interval:PT0.5S}") final java.time.Duration interval,
      @Value("${pinflow.stock-push.reconcile-interval:PT5M}")
          final java.time.Duration reconcileInterval) {
    this.stockPush = stockPush;
    this.goods = goods;
    this.incidents = incidents;
    this.clock = clock;
    this.enabled = enabled;
    this.intervalMillis = interval.toMillis();
    this.reconcileMillis = reconcileInterval.toMillis();
  }

  @Override
  public void configure() {
    from("timer:pdd-stock-push?delay=2000&period=" + intervalMillis)
        .routeId("pdd-stock-push")
        .autoStartup(enabled)
        .routeConfigurationId(ConnectorErrorPolicy.CONSUMERS)
        .process(exchange -> pushDue());

    // an incident's retry: the failure is forgotten, the next round pushes
    from(RETRY).routeId("pdd-stock-push-retry").process(exchange -> pushDue());
  }

  /** One round: every due SKU once; returns how many calls reached PDD. */
  public int pushDue() {
    int calls = 0;
    final List<Push> due = stockPush.due();
    for (final Push push : due) {
      if (push.unchanged()) {
        stockPush.done(push, false);
        continue;
      }
      try {
        goods.setQuantity(
            push.state().shopId(),
            push.state().goodsId(),
            push.state().outerSkuId(),
            push.quantity());
        stockPush.done(push, true);
        calls++;
      } catch (final PddApiException e) {
        stockPush.failed(push, e.getMessage());
        if (!e.isTransient()) {
          refused(push, e);
        } else {
          LOG.warn(
              "Stock push of {} to {} failed, retried after the back-off: {}",
              push.state().outerSkuId(),
              push.state().shopId(),
              e.getMessage());
        }
      } catch (final RuntimeException e) {
        stockPush.failed(push, String.valueOf(e.getMessage()));
        LOG.warn(
            "Stock push of {} to {} failed, retried after the back-off",
            push.state().outerSkuId(),
            push.state().shopId(),
            e);
      }
    }
    return calls;
  }

  private void refused(final Push push, final PddApiException e) {
    LOG.error(
        "PDD refused the stock of {} on {} ({} units): {}",
        push.state().outerSkuId(),
        push.state().shopId(),
        push.quantity(),
        e.getMessage());
    try {
      incidents.recordDeadLetter(
          Incident.deadLetter(
              "pdd-stock-push",
              push.state().shopId() + ":" + push.state().outerSkuId(),
              push.state().shopId(),
              "PddApiException",
              "stock " + push.quantity() + " refused: " + e.getMessage(),
              push.state().outerSkuId(),
              JSON.writeValueAsString(
                  Map.of(
                      DeadLetters.REPLAY_ENDPOINT,
                      RETRY,
                      DeadLetters.SHOP_ID,
                      push.state().shopId())),
              clock.instant()));
    } catch (final JsonProcessingException json) {
      throw new IllegalStateException(json);
    }
  }
}
