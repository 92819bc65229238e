package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.connectors.support.DeadLetters;
import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.Incidents;
import io.pinflow.domain.shop.Shop;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.sync.SyncCheckpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Incremental order sync from PDD, per shop: windows of at most 30 minutes that overlap a little,
 * pages read from the last one backwards (so that orders moving between pages while we read are not
 * missed), a checkpoint per shop saved after each window. Each order goes through the {@code
 * pdd-order-intake} route, where the intake is idempotent per order number.
 */
@Component
public class PddOrderSync {

  public static final String STREAM = "orders";
  static final String INCREMENT_API = "pdd.order.number.list.increment.get";
  private static final Logger LOG = LoggerFactory.getLogger(PddOrderSync.class);
  private static final Duration MAX_WINDOW = Duration.ofMinutes(30);

  private final PddClient pdd;
  private final ShopRepository shops;
  private final SyncCheckpoints checkpoints;
  private final Incidents incidents;
  private final ProducerTemplate producer;
  private final Clock clock;
  private final SyncSettings settings;
  private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

  /** Window length, overlap, how far behind now to stay, page size, first look-back. */
  public record SyncSettings(
      Duration window, Duration overlap, Duration lag, int pageSize, Duration initialLookback) {}

  public PddOrderSync(
      final PddClient pdd,
      final ShopRepository shops,
      final SyncCheckpoints checkpoints,
      final Incidents incidents,
      final ProducerTemplate producer,
      final Clock clock,
      @Value("${pinflow.pdd.sync.window:PT30M}") final Duration window,
      @Value("${pinflow.pdd.sync.overlap:PT2M}") final Duration overlap,
      @Value("${pinflow.pdd.sync.lag:PT2S}") final Duration lag,
      @Value("${pinflow.pdd.sync.page-size:100}") final int pageSize,
      @Value("${pinflow.pdd.sync.initial-lookback:PT1H}") final Duration initialLookback) {
    this.pdd = pdd;
    this.shops = shops;
    this.checkpoints = checkpoints;
    this.incidents = incidents;
    this.producer = producer;
    this.clock = clock;
    this.settings =
        new SyncSettings(
            window.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : window,
            overlap.compareTo(window.dividedBy(2)) > 0 ? window.dividedBy(2) : overlap,
            lag,
            Math.min(100, Math.max(1, pageSize)),
            initialLookback);
  }

  /** One round over every PDD shop; a failing shop does not stop the others. */
  public void syncAll() {
    for (final Shop shop : shops.list(ShopScope.everything())) {
      if (!"PDD".equals(shop.platform())) {
        continue;
      }
      try {
        syncShop(shop.shopId());
      } catch (final RuntimeException e) {
        LOG.warn("Order sync of shop {} failed this round: {}", shop.shopId(), e.getMessage());
      }
    }
  }

  /** Reads the shop's order changes up to (now - lag), window by window. */
  public int syncShop(final String shopId) {
    final Instant now = clock.instant();
    final Instant paused = pausedUntil.get(shopId);
    if (paused != null && paused.isAfter(now)) {
      return 0;
    }
    final Instant horizon = now.minus(settings.lag());
    Instant checkpoint =
        checkpoints.syncedTo(shopId, STREAM).orElse(now.minus(settings.initialLookback()));
    int orders = 0;
    try {
      while (checkpoint.isBefore(horizon)) {
        // the overlap counts into the platform's 30-minute window limit
        final Instant start = checkpoint.minus(settings.overlap());
        final Instant end = min(start.plus(settings.window()), horizon);
        orders += readWindow(shopId, start, end);
        checkpoints.save(shopId, STREAM, end);
        checkpoint = end;
      }
      pausedUntil.remove(shopId);
    } catch (final PddApiException e) {
      if (e.isCredentialProblem()) {
        stopShop(shopId, e);
      } else if (!e.isTransient()) {
        throw e;
      }
      LOG.warn("Order sync of shop {} stopped at {}: {}", shopId, checkpoint, e.getMessage());
    }
    return orders;
  }

  private int readWindow(final String shopId, final Instant start, final Instant end) {
    final JsonNode first = page(shopId, start, end, 1);
    final long total = first.path("total_count").asLong(0);
    final int lastPage = (int) Math.max(1, (total + settings.pageSize() - 1) / settings.pageSize());
    int orders = 0;
    for (int page = lastPage; page >= 1; page--) {
      final JsonNode answer = page == 1 ? first : page(shopId, start, end, page);
      for (final JsonNode order : answer.path("order_sn_list")) {
        take(shopId, order);
        orders++;
      }
    }
    if (orders > 0) {
      LOG.info("Shop {}: {} order change(s) between {} and {}", shopId, orders, start, end);
    }
    return orders;
  }

  private JsonNode page(
      final String shopId, final Instant start, final Instant end, final int page) {
    final Map<String, Object> params = new LinkedHashMap<>();
    params.put("start_updated_at", Long.toString(start.getEpochSecond()));
    params.put("end_updated_at", Long.toString(end.getEpochSecond()));
    params.put("order_status", "5");
    params.put("refund_status", "5");
    params.put("page", Integer.toString(page));
    params.put("page_size", Integer.toString(settings.pageSize()));
    params.put("use_has_next", "false");
    return pdd.call(shopId, INCREMENT_API, params);
  }

  private void take(final String shopId, final JsonNode order) {
    producer.sendBodyAndHeaders(
        PddOrderIntakeRoutes.INTAKE,
        order.toString(),
        Map.of(
            DeadLetters.SHOP_ID,
            shopId,
            DeadLetters.BUSINESS_KEY,
            order.path("order_sn").asText("")));
  }

  /**
   * Wrong credentials or a missing authorisation do not heal by retrying: the shop's sync stops and
   * an incident says why; retrying the incident resumes it.
   */
  private void stopShop(final String shopId, final PddApiException e) {
    pausedUntil.put(shopId, Instant.MAX);
    incidents.recordDeadLetter(
        new Incident(
            0,
            Incident.Kind.MESSAGE,
            Incident.Status.OPEN,
            null,
            null,
            null,
            null,
            "pdd-order-sync",
            "sync:" + shopId,
            shopId,
            "PddApiException",
            e.getMessage(),
            shopId,
            "{\"" + DeadLetters.REPLAY_ENDPOINT + "\":\"" + PddOrderIntakeRoutes.RESUME + "\"}",
            0,
            clock.instant(),
            null,
            null));
    LOG.error(
        "Order sync of shop {} stopped until its incident is retried: {}", shopId, e.getMessage());
  }

  /** Resumes a stopped shop's sync (incident retry) and runs it once. */
  public void resume(final String shopId) {
    pausedUntil.remove(shopId);
    syncShop(shopId);
  }

  /** The shops whose sync is stopped, with the time until which. */
  public List<String> stoppedShops() {
    return new ArrayList<>(pausedUntil.keySet());
  }

  private static Instant min(final Instant a, final Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
