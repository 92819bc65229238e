package io.pinflow.connectors.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinflow.connectors.pdd.PddApiException;
import io.pinflow.connectors.pdd.PddOrders;
import io.pinflow.connectors.pdd.PddSigner;
import io.pinflow.domain.shop.Shop;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.shop.Shops;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated PDD Open Platform of embedded mode: one router URL that checks signatures,
 * timestamps and tokens and answers with PDD's field names and {@code error_response}s, plus
 * control endpoints for demos and tests. Its orders and uploads are kept in the database ({@link
 * SimulatorStore}): like the real platform, it remembers them when Pinflow restarts, and buyers
 * still receive parcels shipped before.
 *
 * <p>In embedded mode it serves the shops bound to it ({@code simulated}). Switched on in remote
 * mode ({@code pinflow.simulator.enabled}), it stands in for PDD itself and serves every shop, with
 * the client id and secret the shop was registered with.
 */
@RestController
@RequestMapping("/simulator/pdd")
@ConditionalOnSimulators
public class PddSimulator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(10);
  private static final String ORDERS = "pdd-order";
  private static final String SHIPMENTS = "pdd-shipments";

  private final ShopRepository shopRepository;
  private final Shops shops;
  private final SimulatorSettings settings;
  private final SimulatorClock timers;
  private final Clock clock;
  private final SimulatorStore store;
  private final boolean standsInForPdd;
  private final LiveRecords orders;

  /** Uploads of the orders in memory, under the order's lock; read back with the order. */
  private final Map<String, List<ObjectNode>> shipments = new ConcurrentHashMap<>();

  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<String, BiFunction<Shop, MultiValueMap<String, String>, ObjectNode>> apis =
      new ConcurrentHashMap<>();

  /**
   * An injected fault: the call fails with {@code errorCode}, or, when {@code answerLost}, is
   * carried out and then answered 504, as when the answer is lost on its way back.
   */
  private record Fault(int errorCode, boolean answerLost) {}

  public PddSimulator(
      final ShopRepository shopRepository,
      final Shops shops,
      final SimulatorSettings settings,
      final SimulatorClock timers,
      final Clock clock,
      final SimulatorStore store,
      @Value("${pinflow.mode:embedded}") final String mode) {
    this.shopRepository = shopRepository;
    this.shops = shops;
    this.settings = settings;
    this.timers = timers;
    this.clock = clock;
    this.store = store;
    this.standsInForPdd = !"embedded".equalsIgnoreCase(mode.strip());
    apis.put("pdd.order.number.list.increment.get", this::orderIncrement);
    apis.put("pdd.order.information.get", this::orderInformation);
    apis.put("pdd.logistics.online.send", this::logisticsSend);
    this.orders =
        new LiveRecords(
            store, ORDERS, "order_sn", clock, settings.memoryWindow(), shipments::remove);
  }

  /** Parcels shipped before a restart still reach their buyers. */
  @EventListener(ApplicationReadyEvent.class)
  public void resumeDeliveries() {
    for (final JsonNode stored : store.withValue(ORDERS, "$.body.order_status", "2")) {
      final SimRecord order = SimulatorStore.platformRecord(stored);
      if (order.body.hasNonNull("shipping_time")) {
        final Instant shipped = PddOrders.time(order.body, "shipping_time");
        final String orderSn = order.body.path("order_sn").asText();
        timers.after(
            Duration.between(clock.instant(), shipped.plus(settings.deliverDelay())),
            () -> deliver(orderSn));
      }
    }
  }

  /** Lets orders unchanged for the memory window leave memory; their table keeps them. */
  @Scheduled(fixedDelayString = "${pinflow.simulator.evict-every:PT30S}")
  void evictIdle() {
    evictIdle(settings.memoryWindow());
  }

  /** Lets orders unchanged for {@code idle} leave memory; returns how many left. */
  public int evictIdle(final Duration idle) {
    return orders.evictIdle(idle);
  }

  /** Whether the order is in memory (tests of the memory window). */
  public boolean inMemory(final String orderSn) {
    return orders.inMemory(orderSn);
  }

  /** Keeps the order as it is now; call while holding the order's lock. */
  void save(final SimRecord order) {
    orders.save(order);
  }

  /** Runs the change on the order while holding its lock (on the one in memory). */
  <T> T withLock(final SimRecord order, final Function<SimRecord, T> change) {
    return orders.withLock(order, change);
  }

  /** The order's uploads, read back when the order was not in memory; hold the order's lock. */
  private List<ObjectNode> uploads(final String orderSn) {
    return shipments.computeIfAbsent(orderSn, this::storedUploads);
  }

  private List<ObjectNode> storedUploads(final String orderSn) {
    final List<ObjectNode> uploads = new ArrayList<>();
    store
        .find(SHIPMENTS, orderSn)
        .ifPresent(stored -> stored.path("uploads").forEach(u -> uploads.add((ObjectNode) u)));
    return uploads;
  }

  private void saveShipments(final String orderSn, final List<ObjectNode> uploads) {
    final ObjectNode stored = JSON.createObjectNode();
    stored.put("orderSn", orderSn);
    uploads.forEach(stored.putArray("uploads")::add);
    store.put(SHIPMENTS, orderSn, stored);
  }

  /** Lets other simulated APIs (after-sales, goods, promotions) answer on the same router. */
  public void register(
      final String type, final BiFunction<Shop, MultiValueMap<String, String>, ObjectNode> api) {
    apis.put(type, api);
  }

  // ---- the router

  @PostMapping(
      value = "/router",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> router(@RequestParam final MultiValueMap<String, String> params) {
    final String type = params.getFirst("type");
    try {
      final Shop shop = authenticate(params);
      final Fault fault = nextFault(type, shop.shopId());
      if (fault != null && !fault.answerLost()) {
        throw new SimulatedError(fault.errorCode(), "injected fault", "simulator.fault");
      }
      final var api = apis.get(type);
      if (api == null) {
        throw new SimulatedError(21001, "unknown type " + type, "isv.method-not-exist");
      }
      final ObjectNode answer = api.apply(shop, params);
      return fault == null
          ? ResponseEntity.ok(answer)
          : ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).build();
    } catch (final SimulatedError e) {
      return ResponseEntity.ok(errorResponse(e));
    }
  }

  private Fault nextFault(final String type, final String shopId) {
    for (final String key : List.of(type + "|" + shopId, type + "|*")) {
      final Deque<Fault> queued = faults.get(key);
      final Fault fault = queued == null ? null : queued.pollFirst();
      if (fault != null) {
        return fault;
      }
    }
    return null;
  }

  private Shop authenticate(final MultiValueMap<String, String> params) {
    for (final String required :
        List.of("type", "client_id", "access_token", "timestamp", "sign")) {
      if (params.getFirst(required) == null || params.getFirst(required).isBlank()) {
        throw new SimulatedError(
            21002, "missing parameter " + required, "isv.missing-parameter:" + required);
      }
    }
    // the access token names the shop; the client id names the app, which many shops may share
    final String token = params.getFirst("access_token");
    final Shop shop =
        (token.startsWith("sim-token-")
                ? shopRepository.find(token.substring("sim-token-".length()))
                : Optional.<Shop>empty())
            .filter(this::servedHere)
            .orElseThrow(
                () ->
                    new SimulatedError(
                        PddApiException.TOKEN_EXPIRED,
                        "access_token invalid or expired",
                        "isv.token-expired"));
    if (!params.getFirst("client_id").equals(shop.clientId())) {
      throw new SimulatedError(
          20031, "client_id not authorised for this shop", "isv.app-not-authorised");
    }
    final Map<String, String> flat = new java.util.HashMap<>();
    params.forEach((key, values) -> flat.put(key, values.getFirst()));
    final String expected = PddSigner.sign(flat, shops.clientSecret(shop));
    if (!expected.equals(params.getFirst("sign"))) {
      throw new SimulatedError(PddApiException.BAD_SIGNATURE, "invalid sign", "isv.sign-invalid");
    }
    final long timestamp;
    try {
      timestamp = Long.parseLong(params.getFirst("timestamp"));
    } catch (final NumberFormatException e) {
      throw new SimulatedError(21001, "timestamp is not Unix seconds", "isv.invalid-timestamp");
    }
    if (Math.abs(clock.instant().getEpochSecond() - timestamp) > TIMESTAMP_TOLERANCE.toSeconds()) {
      throw new SimulatedError(21001, "timestamp out of range", "isv.invalid-timestamp");
    }
    if (!("sim-token-" + shop.shopId()).equals(params.getFirst("access_token"))) {
      throw new SimulatedError(
          PddApiException.TOKEN_EXPIRED, "access_token invalid or expired", "isv.token-expired");
    }
    return shop;
  }

  private ObjectNode orderIncrement(final Shop shop, final MultiValueMap<String, String> params) {
    final long start = longParam(params, "start_updated_at");
    final long end = longParam(params, "end_updated_at");
    if (end < start || end - start > Duration.ofMinutes(30).toSeconds()) {
      throw new SimulatedError(
          21001, "the window must be at most 30 minutes", "isv.invalid-window");
    }
    final int page = (int) Math.max(1, longParam(params, "page"));
    final int size = (int) longParam(params, "page_size");
    if (size < 1 || size > 100) {
      throw new SimulatedError(21001, "page_size must be 1..100", "isv.invalid-page-size");
    }
    final List<SimRecord> matching = orders.changedBetween(shop.shopId(), start, end);
    final ArrayNode list = JSON.createArrayNode();
    matching.stream()
        .skip((long) (page - 1) * size)
        .limit(size)
        .forEach(o -> list.add(withUpdatedAt(o)));
    final ObjectNode answer = JSON.createObjectNode();
    answer
        .putObject("order_sn_increment_get_response")
        .put("total_count", matching.size())
        .put("has_next", (long) page * size < matching.size())
        .set("order_sn_list", list);
    return answer;
  }

  private ObjectNode orderInformation(final Shop shop, final MultiValueMap<String, String> params) {
    final SimRecord order = order(shop, params.getFirst("order_sn"));
    final ObjectNode answer = JSON.createObjectNode();
    answer.putObject("order_info_get_response").set("order_info", withUpdatedAt(order));
    return answer;
  }

  private ObjectNode logisticsSend(final Shop shop, final MultiValueMap<String, String> params) {
    final SimRecord order = adopt(shop, params.getFirst("order_sn"));
    final String tracking = params.getFirst("tracking_number");
    final String logisticsId = params.getFirst("logistics_id");
    if (tracking == null || tracking.isBlank() || logisticsId == null || logisticsId.isBlank()) {
      throw new SimulatedError(
          21002, "logistics_id and tracking_number are required", "isv.missing-parameter");
    }
    orders.withLock(order, current -> upload(current, tracking, logisticsId, params));
    final ObjectNode answer = JSON.createObjectNode();
    answer.putObject("logistics_online_send_response").put("is_success", true);
    return answer;
  }

  /** Records the upload of a parcel of the order; call while holding the order's lock. */
  private Void upload(
      final SimRecord order,
      final String tracking,
      final String logisticsId,
      final MultiValueMap<String, String> params) {
    final int status = order.body.path("order_status").asInt();
    final List<ObjectNode> uploads = uploads(order.body.path("order_sn").asText());
    final Optional<ObjectNode> sameAsBefore =
        uploads.stream()
            .filter(u -> tracking.equals(u.path("tracking_number").asText()))
            .findFirst();
    if (status != 1 && sameAsBefore.isEmpty() && !"2".equals(params.getFirst("redelivery_type"))) {
      throw new SimulatedError(
          21001, "the order was shipped with another tracking number", "isv.order-shipped");
    }
    // the same parcel again changes nothing; how often it was sent is kept for tests
    sameAsBefore.ifPresent(u -> u.put("sent", u.path("sent").asInt() + 1));
    if (sameAsBefore.isEmpty()) {
      final ObjectNode upload = JSON.createObjectNode();
      upload.put("order_sn", order.body.path("order_sn").asText());
      upload.put("logistics_id", logisticsId);
      upload.put("tracking_number", tracking);
      upload.put("uploaded_at", clock.instant().toString());
      upload.put("sent", 1);
      uploads.add(upload);
      order.body.put("order_status", 2);
      order.body.put("tracking_number", tracking);
      order.body.put("shipping_time", PddOrders.format(clock.instant()));
      touch(order);
      saveShipments(order.body.path("order_sn").asText(), uploads);
      save(order);
      final String orderSn = order.body.path("order_sn").asText();
      timers.after(settings.deliverDelay(), () -> deliver(orderSn));
    } else {
      // how often the same parcel was sent is kept for tests
      saveShipments(order.body.path("order_sn").asText(), uploads);
    }
    return null;
  }

  private void deliver(final String orderSn) {
    final SimRecord order = orders.find(orderSn);
    if (order == null) {
      return;
    }
    orders.withLock(
        order,
        current -> {
          if (current.body.path("order_status").asInt() == 2) {
            current.body.put("order_status", 3);
            current.body.put("receive_time", PddOrders.format(clock.instant()));
            touch(current);
            save(current);
          }
          return null;
        });
  }

  // ---- control endpoints

  /** A buyer places an order; PDD field names, yuan strings, plausible defaults. */
  @PostMapping(value = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> placeOrder(@RequestBody final JsonNode request) {
    final String shopId = request.path("shop_id").asText("demo-shop");
    final Optional<Shop> shop = shopRepository.find(shopId).filter(this::servedHere);
    if (shop.isEmpty()) {
      return problem("unknown simulated shop " + shopId);
    }
    if (!request.path("item_list").isArray() || request.path("item_list").isEmpty()) {
      return problem("item_list: at least one item with outer_id, goods_count, goods_price");
    }
    final Instant now = clock.instant();
    final String orderSn =
        request.hasNonNull("order_sn") ? request.path("order_sn").asText() : newOrderSn(now);
    final Instant confirmed =
        request.hasNonNull("confirm_time") ? PddOrders.time(request, "confirm_time") : now;
    final Instant lastShip =
        request.hasNonNull("last_ship_time")
            ? PddOrders.time(request, "last_ship_time")
            : confirmed.plus(Duration.ofHours(48));
    final ObjectNode order = JSON.createObjectNode();
    order.put("order_sn", orderSn);
    order.put("order_status", 1);
    order.put("refund_status", 1);
    order.put("confirm_status", 1);
    order.put("group_status", request.path("group_status").asInt(1));
    order.put("risk_control_status", request.path("risk_control_status").asInt(0));
    order.put("confirm_time", PddOrders.format(confirmed));
    order.put("last_ship_time", PddOrders.format(lastShip));
    order.put("trade_type", 0);
    final ArrayNode items = order.putArray("item_list");
    BigDecimal goods = BigDecimal.ZERO;
    long goodsId = 100_000 + Math.abs(orderSn.hashCode() % 100_000);
    for (final JsonNode item : request.path("item_list")) {
      final ObjectNode line = items.addObject();
      final int count = item.path("goods_count").asInt(1);
      final BigDecimal price = new BigDecimal(item.path("goods_price").asText("49.90"));
      line.put("goods_id", goodsId++);
      line.put("sku_id", goodsId * 10);
      line.put("outer_id", item.path("outer_id").asText());
      line.put(
          "outer_goods_id", item.path("outer_goods_id").asText(item.path("outer_id").asText()));
      line.put("goods_count", count);
      line.put("goods_price", price.setScale(2).toPlainString());
      line.put("goods_spec", item.path("goods_spec").asText(""));
      goods = goods.add(price.multiply(BigDecimal.valueOf(count)));
    }
    order.put("goods_amount", goods.setScale(2).toPlainString());
    order.put("discount_amount", "0.00");
    order.put("postage", "0.00");
    order.put("pay_amount", request.path("pay_amount").asText(goods.setScale(2).toPlainString()));
    order.put("receiver_name_mask", "张*");
    order.put(
        "receiver_phone_mask",
        "138****" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000)));
    order.put("address_mask", "上海市浦东新区****");
    order.put("receiver_name", "~AgAAAAEn0gAAAAAA~encrypted~");
    order.set(
        "order_tag_list",
        request.has("order_tag_list") ? request.get("order_tag_list") : JSON.createArrayNode());
    final SimRecord stored = orders.add(new SimRecord(shopId, order, now));
    return ResponseEntity.ok(withUpdatedAt(stored));
  }

  /** Changes an order as the platform would (risk review lifted, group formed, cancelled...). */
  @PostMapping(value = "/orders/{orderSn}/update", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> updateOrder(
      @PathVariable final String orderSn, @RequestBody final JsonNode changes) {
    final SimRecord found = orders.find(orderSn);
    if (found == null) {
      return ResponseEntity.notFound().build();
    }
    return orders.withLock(found, order -> ResponseEntity.ok(update(order, changes)));
  }

  /** Applies the changes to the order; call while holding its lock. */
  private JsonNode update(final SimRecord order, final JsonNode changes) {
    for (final String field :
        List.of(
            "risk_control_status",
            "group_status",
            "refund_status",
            "confirm_status",
            "order_status")) {
      if (changes.has(field)) {
        order.body.put(field, changes.path(field).asInt());
      }
    }
    if (changes.has("order_tag_list")) {
      order.body.set("order_tag_list", changes.get("order_tag_list"));
    }
    touch(order);
    save(order);
    return withUpdatedAt(order);
  }

  @GetMapping(value = "/orders/{orderSn}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> getOrder(@PathVariable final String orderSn) {
    final SimRecord order = orders.find(orderSn);
    return order == null
        ? ResponseEntity.notFound().build()
        : ResponseEntity.ok(withUpdatedAt(order));
  }

  /** What Pinflow uploaded to PDD for the order: one entry per parcel, {@code sent} times. */
  @GetMapping(value = "/shipments/{orderSn}", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<ObjectNode> shipments(@PathVariable final String orderSn) {
    final List<ObjectNode> inMemory = shipments.get(orderSn);
    return inMemory != null ? List.copyOf(inMemory) : storedUploads(orderSn);
  }

  /**
   * The next {@code times} calls of {@code api} (of shop {@code shop_id}, or any shop) fail with
   * {@code errorCode}; with {@code answerLost} they are carried out and answered 504 instead.
   */
  @PostMapping("/faults")
  public Map<String, Object> injectFault(@RequestBody final Map<String, Object> fault) {
    final String api = fault.get("api") + "|" + fault.getOrDefault("shop_id", "*");
    final int code =
        ((Number) fault.getOrDefault("errorCode", PddApiException.THROTTLED)).intValue();
    final boolean answerLost = Boolean.TRUE.equals(fault.get("answerLost"));
    final int times = ((Number) fault.getOrDefault("times", 1)).intValue();
    final Deque<Fault> queue = faults.computeIfAbsent(api, k -> new ConcurrentLinkedDeque<>());
    for (int i = 0; i < times; i++) {
      queue.add(new Fault(code, answerLost));
    }
    return Map.of("api", api, "queued", queue.size());
  }

  @DeleteMapping("/faults")
  public void clearFaults() {
    faults.clear();
  }

  // ---- helpers for the other simulated APIs

  /** Whether the shop is on this simulated platform; see the class comment. */
  private boolean servedHere(final Shop shop) {
    return shop.simulated() || standsInForPdd;
  }

  SimRecord order(final Shop shop, final String orderSn) {
    final SimRecord order = orders.find(orderSn);
    if (order == null || !order.shopId.equals(shop.shopId())) {
      throw new SimulatedError(21001, "order not found", "isv.order-not-exist");
    }
    return order;
  }

  /**
   * Orders Pinflow took in through its own API never passed the simulated platform; at their first
   * upload it adopts them, as if they had been placed there, so that they get delivered.
   */
  private SimRecord adopt(final Shop shop, final String orderSn) {
    if (orderSn != null && orderSn.matches("\\d{6}-\\d{15}") && !orders.inMemory(orderSn)) {
      final ObjectNode body = JSON.createObjectNode();
      body.put("order_sn", orderSn);
      body.put("order_status", 1);
      body.put("refund_status", 1);
      body.put("confirm_status", 1);
      body.put("group_status", 1);
      body.put("risk_control_status", 0);
      body.put("confirm_time", PddOrders.format(clock.instant()));
      body.put("last_ship_time", PddOrders.format(clock.instant().plus(Duration.ofHours(48))));
      body.putArray("item_list");
      body.put("pay_amount", "0.00");
      orders.add(new SimRecord(shop.shopId(), body, clock.instant()));
    }
    return order(shop, orderSn);
  }

  SimRecord findOrder(final String orderSn) {
    return orders.find(orderSn);
  }

  void touch(final SimRecord order) {
    Instant now = clock.instant();
    if (!now.isAfter(order.updatedAt)) {
      now = order.updatedAt.plusMillis(1);
    }
    order.updatedAt = now;
  }

  private ObjectNode withUpdatedAt(final SimRecord order) {
    final ObjectNode copy = order.body.deepCopy();
    copy.put("updated_at", PddOrders.format(order.updatedAt));
    return copy;
  }

  private static long longParam(final MultiValueMap<String, String> params, final String name) {
    try {
      return Long.parseLong(params.getFirst(name));
    } catch (final NumberFormatException | NullPointerException e) {
      throw new SimulatedError(
          21002, "parameter " + name + " missing or not a number", "isv.missing-parameter:" + name);
    }
  }

  private static String newOrderSn(final Instant now) {
    final String day =
        PddOrders.PLATFORM_TIME
            .format(now.atZone(PddOrders.PLATFORM_ZONE))
            .substring(2, 10)
            .replace("-", "");
    return day
        + "-"
        + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
  }

  /** A required router parameter, or the platform's missing-parameter error. */
  static String required(final MultiValueMap<String, String> params, final String name) {
    final String value = params.getFirst(name);
    if (value == null || value.isBlank()) {
      throw new SimulatedError(21002, "missing parameter " + name, "isv.missing-parameter:" + name);
    }
    return value;
  }

  /** The platform's plain success answer. */
  /** A router parameter holding JSON (a list of SKUs, say); 21001 when it is not JSON. */
  static JsonNode json(final String value, final String name) {
    try {
      return JSON.readTree(value);
    } catch (final JsonProcessingException e) {
      throw invalid(name + " is not JSON");
    }
  }

  /** A router parameter holding a whole number; 21001 when it is not one. */
  static long number(final String value, final String name) {
    try {
      return Long.parseLong(value.strip());
    } catch (final NumberFormatException e) {
      throw invalid(name + " is not a number");
    }
  }

  /** The platform's answer to a parameter it cannot use. */
  static SimulatedError invalid(final String message) {
    return new SimulatedError(21001, message, "isv.invalid-parameter");
  }

  static ObjectNode success(final String responseName) {
    final ObjectNode answer = JSON.createObjectNode();
    answer.putObject(responseName).put("is_success", true);
    return answer;
  }

  /** A malformed request to one of the simulator's own endpoints. */
  static ResponseEntity<JsonNode> problem(final String detail) {
    final ObjectNode problem = JSON.createObjectNode();
    problem.put("title", "Bad simulator request");
    problem.put("status", 400);
    problem.put("detail", detail);
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  static ObjectNode errorResponse(final SimulatedError e) {
    final ObjectNode answer = JSON.createObjectNode();
    answer
        .putObject("error_response")
        .put("error_code", e.code)
        .put("error_msg", e.getMessage())
        .put("sub_code", e.subCode)
        .put("sub_msg", e.getMessage())
        .put("request_id", Long.toString(System.nanoTime()));
    return answer;
  }

  /** An error the simulated platform answers with. */
  static final class SimulatedError extends RuntimeException {
    final int code;
    final String subCode;

    SimulatedError(final int code, final String message, final String subCode) {
      super(message);
      this.code = code;
      this.subCode = subCode;
    }
  }
}
