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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental sync of one PDD stream (orders, after-sales) per shop: windows of at most 30 minutes
 * that overlap a little, pages read from the last one backwards (so that records moving between
 * pages while we read are not missed), a checkpoint per shop saved after each window. Each record
 * goes to the stream's intake route, where the intake is idempotent per business key. Wrong
 * credentials stop the shop's sync with an incident; throttling waits for the next round.
 */
public final class PddIncrementalSync {

  private static final Logger LOG = LoggerFactory.getLogger(PddIncrementalSync.class);
  private static final Duration MAX_WINDOW = Duration.ofMinutes(30);

  private final Stream stream;
  private final PddClient pdd;
  private final ShopRepository shops;
  private final SyncCheckpoints checkpoints;
  private final Incidents incidents;
  private final ProducerTemplate producer;
  private final Clock clock;
  private final SyncSettings settings;
  private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

  /**
   * Window length (overlap included), overlap, how far behind now to stay, page size, first
   * look-back.
   */
  public record SyncSettings(
      Duration window, Duration overlap, Duration lag, int pageSize, Duration initialLookback) {

    public SyncSettings {
      window = window.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : window;
      overlap = overlap.compareTo(window.dividedBy(2)) > 0 ? window.dividedBy(2) : overlap;
      pageSize = Math.min(100, Math.max(1, pageSize));
    }
  }

  /**
   * One kind of record read incrementally: its name (checkpoints, incidents), the increment API and
   * the list field of its answer, fixed filters, the route each record goes to, the route that
   * resumes a stopped shop and the field that identifies a record.
   */
  public record Stream(
      String name,
      String api,
      String listField,
      Map<String, Object> filters,
      String intakeEndpoint,
      String resumeEndpoint,
      String businessKeyField) {}

  public PddIncrementalSync(
      final Stream stream,
      final PddClient pdd,
      final ShopRepository shops,
      final SyncCheckpoints checkpoints,
      final Incidents incidents,
      final ProducerTemplate producer,
      final Clock clock,
      final SyncSettings settings) {
    this.stream = stream;
    this.pdd = pdd;
    this.shops = shops;
    this.checkpoints = checkpoints;
    this.incidents = incidents;
    this.producer = producer;
    this.clock = clock;
    this.settings = settings;
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
        LOG.warn(
            "Sync of {} of shop {} failed this round: {}",
            stream.name(),
            shop.shopId(),
            e.getMessage());
      }
    }
  }

  /** Reads the shop's changes up to (now - lag), window by window. */
  public int syncShop(final String shopId) {
    final Instant now = clock.instant();
    final Instant paused = pausedUntil.get(shopId);
    if (paused != null && paused.isAfter(now)) {
      return 0;
    }
    final Instant horizon = now.minus(settings.lag());
    Instant checkpoint =
        checkpoints.syncedTo(shopId, stream.name()).orElse(now.minus(settings.initialLookback()));
    int records = 0;
    try {
      while (checkpoint.isBefore(horizon)) {
        // the overlap counts into the platform's 30-minute window limit
        final Instant start = checkpoint.minus(settings.overlap());
        final Instant end = min(start.plus(settings.window()), horizon);
        records += readWindow(shopId, start, end);
        checkpoints.save(shopId, stream.name(), end);
        checkpoint = end;
      }
      pausedUntil.remove(shopId);
    } catch (final PddApiException e) {
      if (e.isCredentialProblem()) {
        stopShop(shopId, e);
      } else if (!e.isTransient()) {
        throw e;
      }
      LOG.warn(
          "Sync of {} of shop {} stopped at {}: {}",
          stream.name(),
          shopId,
          checkpoint,
          e.getMessage());
    }
    return records;
  }

  private int readWindow(final String shopId, final Instant start, final Instant end) {
    final JsonNode first = page(shopId, start, end, 1);
    final long total = first.path("total_count").asLong(0);
    final int lastPage = (int) Math.max(1, (total + settings.pageSize() - 1) / settings.pageSize());
    int records = 0;
    for (int page = lastPage; page >= 1; page--) {
      final JsonNode answer = page == 1 ? first : page(shopId, start, end, page);
      for (final JsonNode record : answer.path(stream.listField())) {
        take(shopId, record);
        records++;
      }
    }
    if (records > 0) {
      LOG.debug(
          "Shop {}: {} {} change(s) between {} and {}", shopId, records, stream.name(), start, end);
    }
    return records;
  }

  private JsonNode page(
      final String shopId, final Instant start, final Instant end, final int page) {
    final Map<String, Object> params = new LinkedHashMap<>(stream.filters());
    params.put("start_updated_at", Long.toString(start.getEpochSecond()));
    params.put("end_updated_at", Long.toString(end.getEpochSecond()));
    params.put("page", Integer.toString(page));
    params.put("page_size", Integer.toString(settings.pageSize()));
    return pdd.call(shopId, stream.api(), params);
  }

  private void take(final String shopId, final JsonNode record) {
    producer.sendBodyAndHeaders(
        stream.intakeEndpoint(),
        record.toString(),
        Map.of(
            DeadLetters.SHOP_ID,
            shopId,
            DeadLetters.BUSINESS_KEY,
            record.path(stream.businessKeyField()).asText("")));
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
            "pdd-" + stream.name() + "-sync",
            stream.name() + "-sync:" + shopId,
            shopId,
            "PddApiException",
            e.getMessage(),
            shopId,
            "{\"" + DeadLetters.REPLAY_ENDPOINT + "\":\"" + stream.resumeEndpoint() + "\"}",
            0,
            clock.instant(),
            null,
            null));
    LOG.error(
        "Sync of {} of shop {} stopped until its incident is retried: {}",
        stream.name(),
        shopId,
        e.getMessage());
  }

  /** Resumes a stopped shop's sync (incident retry) and runs it once. */
  public void resume(final String shopId) {
    pausedUntil.remove(shopId);
    syncShop(shopId);
  }

  private static Instant min(final Instant a, final Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
