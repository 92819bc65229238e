package io.pinflow.connectors.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.connectors.support.ConnectorEndpoints;
import io.pinflow.domain.access.AccessAdministration;
import io.pinflow.domain.access.BuiltinRoles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The simulated WMS of embedded mode: accepts delivery orders (idempotent per {@code
 * Idempotency-Key}: the order number, or {@code replacement-<afterSalesId>}) and cancellations,
 * ships after {@code ship-delay} and reports it on Pinflow's webhook with its own API key; receives
 * buyers' return parcels and reports their inspection. Tests steer it through {@code
 * /simulator/wms/behaviour}, faults included: answers that come too late or not at all after the
 * delivery order was made, events reported more than once.
 *
 * <p>Like a real warehouse it keeps its delivery orders, the returns it expects and the events it
 * has not delivered yet when Pinflow restarts ({@link SimulatorStore}); after a restart it ships
 * what it had not shipped, and delivers what it had not delivered.
 */
@RestController
@RequestMapping("/simulator/wms")
@ConditionalOnSimulators
public class WmsSimulator implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(WmsSimulator.class);
  private static final String[] CARRIERS = {"SF", "YTO", "ZTO", "STO", "YUNDA"};
  private static final int WEBHOOK_ATTEMPTS = 6;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OUTBOUND = "wms-outbound";
  private static final String RETURNS = "wms-return";
  private static final String UNDELIVERED = "wms-event";

  private final SimulatorSettings settings;
  private final SimulatorClock timers;
  private final ConnectorEndpoints endpoints;
  private final AccessAdministration access;
  private final SimulatorStore store;
  private final boolean autoShip;
  private final RestClient http = RestClient.create();

  /**
   * Delivery orders open or changed within the memory window, by key; the others are read back from
   * the table when asked for.
   */
  private final Map<String, Outbound> outbound = new ConcurrentHashMap<>();

  private final Set<String> rejectedSkus = ConcurrentHashMap.newKeySet();
  private final Map<String, String> inspections = new ConcurrentHashMap<>();
  private final Map<String, Report> reports = new ConcurrentHashMap<>();
  private final AtomicInteger slowCreates = new AtomicInteger();
  private final AtomicInteger lostAnswers = new AtomicInteger();
  private final AtomicInteger webhookDeliveries = new AtomicInteger();
  private volatile Duration slowness = Duration.ZERO;
  private volatile Duration webhookDelay = Duration.ZERO;
  private volatile int webhookCopies = 1;
  private volatile String faultsFor;
  private volatile String apiKey;

  /** A delivery order as the warehouse holds it, under its idempotency key. */
  public record Outbound(
      String wmsOrderId,
      String key,
      String orderSn,
      String afterSalesId,
      String status,
      List<Map<String, Object>> lines,
      String carrier,
      String trackingNumber,
      Instant createdAt,
      int creates) {

    Outbound with(final String newStatus, final String newCarrier, final String newTracking) {
      return new Outbound(
          wmsOrderId,
          key,
          orderSn,
          afterSalesId,
          newStatus,
          lines,
          newCarrier,
          newTracking,
          createdAt,
          creates);
    }

    Outbound createdAgain() {
      return new Outbound(
          wmsOrderId,
          key,
          orderSn,
          afterSalesId,
          status,
          lines,
          carrier,
          trackingNumber,
          createdAt,
          creates + 1);
    }
  }

  /**
   * An event the warehouse reported, with Pinflow's answer to each delivery of it; kept for the
   * memory window.
   */
  public record Report(
      String eventId, String type, String orderSn, List<String> answers, Instant reportedAt) {}

  public WmsSimulator(
      final SimulatorSettings settings,
      final SimulatorClock timers,
      final ConnectorEndpoints endpoints,
      final AccessAdministration access,
      final SimulatorStore store,
      @Value("${pinflow.simulator.wms.auto-ship:true}") final boolean autoShip) {
    this.settings = settings;
    this.timers = timers;
    this.endpoints = endpoints;
    this.access = access;
    this.store = store;
    this.autoShip = autoShip;
    // open delivery orders and the recent ones; the others are read back when asked for
    store.withValue(OUTBOUND, "$.status", "CREATED").stream()
        .map(node -> SimulatorStore.JSON.convertValue(node, Outbound.class))
        .forEach(o -> outbound.put(o.key(), o));
    store.changedSince(OUTBOUND, Instant.now().minus(settings.memoryWindow())).stream()
        .map(node -> SimulatorStore.JSON.convertValue(node, Outbound.class))
        .forEach(o -> outbound.put(o.key(), o));
  }

  /** The delivery order under the key as the table has it; or null. */
  private Outbound stored(final String key) {
    return store
        .find(OUTBOUND, key)
        .map(node -> SimulatorStore.JSON.convertValue(node, Outbound.class))
        .orElse(null);
  }

  /**
   * Replaces the delivery order under the key (read back when not in memory; null when there is
   * none) with what {@code change} makes of it, atomically; returns the new one, or null.
   */
  private Outbound update(final String key, final UnaryOperator<Outbound> change) {
    return outbound.compute(
        key, (k, inMemory) -> change.apply(inMemory != null ? inMemory : stored(k)));
  }

  /** The delivery order under the key, read back into memory when it was not there; or null. */
  private Outbound find(final String key) {
    final Outbound inMemory = outbound.get(key);
    return inMemory != null ? inMemory : outbound.computeIfAbsent(key, this::stored);
  }

  /**
   * Lets shipped and cancelled delivery orders made before the memory window, and reports older
   * than it, leave memory; none while writes wait for the database.
   */
  @Scheduled(fixedDelayString = "${pinflow.simulator.evict-every:PT30S}")
  void evictIdle() {
    evictIdle(settings.memoryWindow());
  }

  /** Whether the delivery order is in memory (tests of the memory window). */
  public boolean inMemory(final String key) {
    return outbound.containsKey(key);
  }

  /** Lets delivery orders and reports older than {@code idle} leave memory. */
  public void evictIdle(final Duration idle) {
    final Instant cutoff = Instant.now().minus(idle);
    reports.values().removeIf(report -> report.reportedAt().isBefore(cutoff));
    if (store.behind()) {
      return;
    }
    for (final Outbound order : outbound.values()) {
      if (!"CREATED".equals(order.status()) && !order.createdAt().isAfter(cutoff)) {
        // only if unchanged since it was looked at: a change under way keeps it
        outbound.remove(order.key(), order);
      }
    }
  }

  /** A return parcel on its way since the buyer sent it; it arrives after the return delay. */
  record ExpectedReturn(String afterSalesId, String orderSn, Instant sentAt) {}

  /**
   * After a restart: ships the delivery orders not shipped yet (when their ship delay is up),
   * receives the return parcels on their way, and delivers the events not delivered yet.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void resume() {
    final Instant now = Instant.now();
    if (autoShip) {
      outbound.values().stream()
          .filter(o -> "CREATED".equals(o.status()))
          .forEach(
              o ->
                  timers.after(
                      Duration.between(now, o.createdAt().plus(settings.wmsShipDelay())),
                      () -> ship(o.key())));
    }
    for (final ExpectedReturn parcel : store.all(RETURNS, ExpectedReturn.class)) {
      timers.after(
          Duration.between(now, parcel.sentAt().plus(settings.returnDelay())),
          () -> receiveReturn(parcel.afterSalesId(), parcel.orderSn()));
    }
    for (final JsonNode event : store.all(UNDELIVERED)) {
      final Map<String, Object> body =
          SimulatorStore.JSON.convertValue(
              event, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
      timers.after(Duration.ZERO, () -> deliver(body, 1));
    }
  }

  @Override
  public void afterSingletonsInstantiated() {
    apiKey = access.reissueSystemKey("wms-simulator", Set.of(BuiltinRoles.INTEGRATION)).key();
  }

  @PostMapping(value = "/outbound", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> create(
      @RequestHeader(name = "Idempotency-Key", required = false) final String key,
      @RequestBody final JsonNode order)
      throws InterruptedException {
    final String orderSn = order.path("orderSn").asText(null);
    if (key == null || orderSn == null) {
      return ResponseEntity.badRequest()
          .body(Map.of("reason", "Idempotency-Key header and orderSn are required"));
    }
    final List<Map<String, Object>> lines = new ArrayList<>();
    for (final JsonNode line : order.path("lines")) {
      if (rejectedSkus.contains(line.path("outerSkuId").asText())) {
        return ResponseEntity.unprocessableEntity()
            .body(Map.of("reason", "unknown SKU " + line.path("outerSkuId").asText()));
      }
      lines.add(
          Map.of(
              "outerSkuId",
              line.path("outerSkuId").asText(),
              "quantity",
              line.path("quantity").asInt()));
    }
    final Outbound result =
        update(
            key,
            existing ->
                kept(
                    existing != null
                        ? existing.createdAgain()
                        : new Outbound(
                            "WMS-" + UUID.randomUUID().toString().substring(0, 8),
                            key,
                            orderSn,
                            order.path("afterSalesId").isTextual()
                                ? order.path("afterSalesId").asText()
                                : null,
                            "CREATED",
                            lines,
                            null,
                            null,
                            Instant.now(),
                            1)));
    final boolean known = result.creates() > 1;
    if (!known && autoShip) {
      timers.after(settings.wmsShipDelay(), () -> ship(key));
    }
    // a call takes its faults as it arrives, not after a slow answer when others may be set
    final boolean faulty = hasFaults(orderSn);
    final boolean slow = faulty && slowCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    final boolean answerLost = faulty && lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    if (slow) {
      // the order exists, but the answer comes too late for the caller's timeout
      Thread.sleep(slowness.toMillis());
    }
    if (answerLost) {
      // the order exists, but the gateway in front of the warehouse loses the answer
      return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
          .body(Map.of("reason", "no answer from the warehouse in time"));
    }
    return ResponseEntity.status(known ? 200 : 201).body(result);
  }

  /** Every delivery order made for an order: the original one and those of replacements. */
  @GetMapping(value = "/outbound", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<Outbound> ofOrder(@RequestParam final String orderSn) {
    final Map<String, Outbound> found = new LinkedHashMap<>();
    final Outbound original = find(orderSn);
    if (original != null) {
      found.put(original.key(), original);
    }
    for (final JsonNode node : store.withValue(OUTBOUND, "replacement-", "$.orderSn", orderSn)) {
      final Outbound replacement = SimulatorStore.JSON.convertValue(node, Outbound.class);
      found.put(replacement.key(), replacement);
    }
    // memory has the latest, and what still waits for the database
    outbound.values().stream()
        .filter(o -> orderSn.equals(o.orderSn()))
        .forEach(o -> found.put(o.key(), o));
    return List.copyOf(found.values());
  }

  /** The events reported for an order, each with what Pinflow answered to every delivery. */
  @GetMapping(value = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<Report> reported(@RequestParam final String orderSn) {
    return reports.values().stream().filter(r -> orderSn.equals(r.orderSn())).toList();
  }

  @PostMapping(value = "/outbound/{orderSn}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> cancel(@PathVariable final String orderSn) {
    final Outbound after =
        update(
            orderSn,
            current ->
                current == null || "SHIPPED".equals(current.status())
                    ? current
                    : kept(current.with("CANCELLED", null, null)));
    if (after == null) {
      return ResponseEntity.status(404).body(Map.of("reason", "no delivery order for " + orderSn));
    }
    if ("SHIPPED".equals(after.status())) {
      return ResponseEntity.status(409)
          .body(Map.of("reason", "already shipped", "trackingNumber", after.trackingNumber()));
    }
    return ResponseEntity.ok(after);
  }

  /** The delivery order of an order, or {@code replacement-<afterSalesId>}. */
  @GetMapping(value = "/outbound/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Outbound> get(@PathVariable final String key) {
    final Outbound existing = find(key);
    return existing == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(existing);
  }

  /** Ships now (tests and demos that do not want to wait for the ship delay). */
  @PostMapping(value = "/outbound/{key}/ship", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Outbound> shipNow(@PathVariable final String key) {
    final Outbound shipped = ship(key);
    return shipped == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(shipped);
  }

  /** A buyer's return parcel reaches the warehouse after a delay; it is inspected and reported. */
  @PostMapping(value = "/returns", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> expectReturn(@RequestBody final JsonNode request) {
    final String afterSalesId = request.path("afterSalesId").asText();
    final String orderSn = request.path("orderSn").asText();
    receiveReturnLater(afterSalesId, orderSn);
    return Map.of("afterSalesId", afterSalesId, "status", "EXPECTED");
  }

  /** Called by the simulated platform when a buyer sends a return parcel. */
  void receiveReturnLater(final String afterSalesId, final String orderSn) {
    store.put(RETURNS, afterSalesId, new ExpectedReturn(afterSalesId, orderSn, Instant.now()));
    timers.after(settings.returnDelay(), () -> receiveReturn(afterSalesId, orderSn));
  }

  /**
   * Steers the simulation: ship delay, SKUs to refuse, inspection results, and faults: {@code
   * slowCreates} delivery orders answered only after {@code slownessMs}, {@code lostAnswers}
   * delivery orders made but answered 504, each event reported {@code webhookCopies} times at once;
   * with {@code faultsFor} set to an order number, only that order's delivery orders and events.
   */
  @PostMapping(value = "/behaviour", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> behaviour(@RequestBody final JsonNode request) {
    // first: faults set below must not reach another order's calls in between
    if (request.has("faultsFor")) {
      final String orderSn = request.path("faultsFor").asText("");
      faultsFor = orderSn.isBlank() ? null : orderSn;
    }
    if (request.has("shipDelayMs")) {
      settings.wmsShipDelay(Duration.ofMillis(request.path("shipDelayMs").asLong()));
    }
    if (request.has("rejectSkus")) {
      rejectedSkus.clear();
      request.path("rejectSkus").forEach(sku -> rejectedSkus.add(sku.asText()));
    }
    if (request.has("slowCreates")) {
      slowCreates.set(request.path("slowCreates").asInt());
      slowness = Duration.ofMillis(request.path("slownessMs").asLong(8_000));
    }
    if (request.has("lostAnswers")) {
      lostAnswers.set(request.path("lostAnswers").asInt());
    }
    if (request.has("webhookDelayMs")) {
      webhookDelay = Duration.ofMillis(request.path("webhookDelayMs").asLong());
    }
    if (request.has("webhookCopies")) {
      webhookCopies = Math.max(1, request.path("webhookCopies").asInt());
    }
    if (request.has("inspection")) {
      inspections.put(
          request.path("afterSalesId").asText("*"), request.path("inspection").asText());
    }
    final Map<String, Object> state = new LinkedHashMap<>();
    state.put("shipDelayMs", settings.wmsShipDelay().toMillis());
    state.put("rejectSkus", rejectedSkus);
    state.put("slowCreates", slowCreates.get());
    state.put("lostAnswers", lostAnswers.get());
    state.put("webhookCopies", webhookCopies);
    state.put("faultsFor", faultsFor);
    state.put("webhookDeliveries", webhookDeliveries.get());
    return state;
  }

  /** Keeps the delivery order as it is now; returns it. */
  private Outbound kept(final Outbound order) {
    store.put(OUTBOUND, order.key(), order);
    return order;
  }

  private Outbound ship(final String key) {
    final String carrier = CARRIERS[ThreadLocalRandom.current().nextInt(CARRIERS.length)];
    final String tracking =
        carrier + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    final Outbound shipped =
        update(
            key,
            current ->
                current != null && "CREATED".equals(current.status())
                    ? kept(current.with("SHIPPED", carrier, tracking))
                    : current);
    if (shipped != null
        && "SHIPPED".equals(shipped.status())
        && tracking.equals(shipped.trackingNumber())) {
      final Map<String, Object> event = new LinkedHashMap<>();
      event.put("eventId", "wms-" + UUID.randomUUID());
      event.put("type", "SHIPPED");
      event.put("orderSn", shipped.orderSn());
      if (shipped.afterSalesId() != null) {
        event.put("afterSalesId", shipped.afterSalesId());
      }
      event.put("carrier", carrier);
      event.put("trackingNumber", tracking);
      store.put(UNDELIVERED, event.get("eventId").toString(), event);
      report(event);
    }
    return shipped;
  }

  private void receiveReturn(final String afterSalesId, final String orderSn) {
    final Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", "wms-" + UUID.randomUUID());
    event.put("type", "RETURN_RECEIVED");
    event.put("orderSn", orderSn);
    event.put("afterSalesId", afterSalesId);
    event.put(
        "inspection", inspections.getOrDefault(afterSalesId, inspections.getOrDefault("*", "OK")));
    store.put(UNDELIVERED, event.get("eventId").toString(), event);
    store.remove(RETURNS, afterSalesId);
    report(event);
  }

  /**
   * Reports an event on Pinflow's webhook: at once (or after the webhook delay), and with {@code
   * webhookCopies} above one, that many deliveries of it side by side, as a WMS that delivers at
   * least once may do.
   */
  private void report(final Map<String, Object> event) {
    reports.put(
        (String) event.get("eventId"),
        new Report(
            (String) event.get("eventId"),
            (String) event.get("type"),
            (String) event.get("orderSn"),
            new CopyOnWriteArrayList<>(),
            Instant.now()));
    final int copies = hasFaults((String) event.get("orderSn")) ? webhookCopies : 1;
    if (copies == 1 && webhookDelay.isZero()) {
      deliver(event, 1);
      return;
    }
    for (int copy = 0; copy < copies; copy++) {
      timers.after(webhookDelay, () -> deliver(event, 1));
    }
  }

  /** Calls Pinflow's webhook; retried with back-off until it answers 2xx, as a WMS would. */
  private void deliver(final Map<String, Object> event, final int attempt) {
    try {
      final String answer =
          http.post()
              .uri(endpoints.self() + "/integrations/wms/events")
              .header("X-Api-Key", apiKey)
              .contentType(MediaType.APPLICATION_JSON)
              .body(event)
              .retrieve()
              .body(String.class);
      store.remove(UNDELIVERED, event.get("eventId").toString());
      webhookDeliveries.incrementAndGet();
      // an event resumed after a restart was reported by the run before: no report to add to
      final Report report = reports.get((String) event.get("eventId"));
      if (report != null) {
        report.answers().add(receipt(answer));
      }
    } catch (final RuntimeException e) {
      if (attempt >= WEBHOOK_ATTEMPTS) {
        LOG.error(
            "Webhook delivery of {} given up after {} attempts: {}",
            event.get("eventId"),
            attempt,
            e.getMessage());
        return;
      }
      timers.after(Duration.ofSeconds(1L << attempt), () -> deliver(event, attempt + 1));
    }
  }

  private boolean hasFaults(final String orderSn) {
    final String only = faultsFor;
    return only == null || only.equals(orderSn);
  }

  /** Pinflow's receipt of an event: ACCEPTED the first time, DUPLICATE after. */
  private static String receipt(final String answer) {
    try {
      return answer == null ? "" : JSON.readTree(answer).path("status").asText();
    } catch (final JsonProcessingException notJson) {
      return "";
    }
  }
}
