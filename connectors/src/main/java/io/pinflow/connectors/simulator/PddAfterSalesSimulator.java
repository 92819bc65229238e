package io.pinflow.connectors.simulator;

import static io.pinflow.connectors.simulator.PddSimulator.problem;
import static io.pinflow.connectors.simulator.PddSimulator.required;
import static io.pinflow.connectors.simulator.PddSimulator.success;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinflow.connectors.pdd.PddOrders;
import io.pinflow.connectors.simulator.PddSimulator.SimulatedError;
import io.pinflow.domain.shop.Shop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The after-sales side of the simulated PDD: buyers open requests ({@code POST
 * /simulator/pdd/after-sales}), the merchant's APIs (increment, detail, agree refund, agree return,
 * exchange shipping, extra parcels) answer on the router. A buyer whose return was agreed sends the
 * parcel after a short delay; the simulated WMS receives it. Requests are kept in the database
 * ({@link SimulatorStore}), as the platform keeps them across Pinflow's restarts.
 */
@RestController
@RequestMapping("/simulator/pdd")
@ConditionalOnSimulators
public class PddAfterSalesSimulator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MERCHANT_DEADLINE = Duration.ofHours(48);
  private static final String REQUESTS = "pdd-after-sales";

  private final PddSimulator platform;
  private final WmsSimulator wms;
  private final Clock clock;
  private final SimulatorStore store;
  private final Map<String, SimRecord> requests = new ConcurrentHashMap<>();

  public PddAfterSalesSimulator(
      final PddSimulator platform,
      final WmsSimulator wms,
      final Clock clock,
      final SimulatorStore store) {
    this.platform = platform;
    this.wms = wms;
    this.clock = clock;
    this.store = store;
    for (final JsonNode stored : store.all(REQUESTS)) {
      final SimRecord request = SimulatorStore.platformRecord(stored);
      requests.put(request.body.path("id").asText(), request);
    }
    platform.register("pdd.refund.list.increment.get", this::increment);
    platform.register("pdd.refund.information.get", this::information);
    platform.register("pdd.refund.agree", this::agreeRefund);
    platform.register("pdd.refund.returngoods.agree", this::agreeReturn);
    platform.register("pdd.refund.exchange.shipping", this::exchangeShipping);
    platform.register("pdd.order.upload.extra.logistics", this::extraParcel);
  }

  /**
   * A buyer opens a request: {@code after_sales_type} 1 refund only, 2 return and refund, 3
   * exchange, 4 resend; {@code refund_amount} in fen.
   */
  @PostMapping(value = "/after-sales", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> open(@RequestBody final JsonNode request) {
    final SimRecord order = platform.findOrder(request.path("order_sn").asText(""));
    if (order == null) {
      return problem("unknown order_sn " + request.path("order_sn").asText());
    }
    final int type = request.path("after_sales_type").asInt(1);
    if (type < 1 || type > 4) {
      return problem("after_sales_type: 1 refund only, 2 return and refund, 3 exchange, 4 resend");
    }
    final Instant now = clock.instant();
    final String id =
        request.hasNonNull("id")
            ? request.path("id").asText()
            : Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    final ObjectNode body = JSON.createObjectNode();
    body.put("id", id);
    body.put("order_sn", order.body.path("order_sn").asText());
    body.put("after_sales_type", type);
    body.put("after_sales_status", type == 2 ? 3 : type >= 3 ? 14 : 2);
    body.put(
        "refund_amount",
        request.path("refund_amount").asLong(yuanToFen(order.body.path("pay_amount").asText("0"))));
    body.put("after_sales_reason", request.path("after_sales_reason").asText("质量问题"));
    body.put("shipping_status", order.body.path("order_status").asInt() >= 2 ? 1 : 0);
    body.put("expire_time", now.plus(MERCHANT_DEADLINE).getEpochSecond());
    body.put("created_time", PddOrders.format(now));
    final SimRecord opened = new SimRecord(order.shopId, body, now);
    synchronized (opened) {
      save(opened);
    }
    requests.put(id, opened);
    return ResponseEntity.ok(copy(opened));
  }

  /** The buyer withdraws the request. */
  @PostMapping(value = "/after-sales/{id}/withdraw", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> withdraw(@PathVariable final String id) {
    final SimRecord request = requests.get(id);
    if (request == null) {
      return ResponseEntity.notFound().build();
    }
    change(request, 11);
    return ResponseEntity.ok(copy(request));
  }

  @GetMapping(value = "/after-sales/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> get(@PathVariable final String id) {
    final SimRecord request = requests.get(id);
    return request == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(copy(request));
  }

  private ObjectNode increment(final Shop shop, final MultiValueMap<String, String> params) {
    final long start = Long.parseLong(required(params, "start_updated_at"));
    final long end = Long.parseLong(required(params, "end_updated_at"));
    if (end < start || end - start > Duration.ofMinutes(30).toSeconds()) {
      throw new SimulatedError(
          21001, "the window must be at most 30 minutes", "isv.invalid-window");
    }
    final int page =
        Math.max(
            1, Integer.parseInt(params.getFirst("page") == null ? "1" : params.getFirst("page")));
    final int size = Integer.parseInt(required(params, "page_size"));
    if (size < 1 || size > 100) {
      throw new SimulatedError(21001, "page_size must be 1..100", "isv.invalid-page-size");
    }
    final List<SimRecord> matching =
        requests.values().stream()
            .filter(r -> r.shopId.equals(shop.shopId()))
            .filter(
                r -> r.updatedAt.getEpochSecond() >= start && r.updatedAt.getEpochSecond() <= end)
            .sorted(Comparator.comparing((SimRecord r) -> r.updatedAt))
            .toList();
    final ArrayNode list = JSON.createArrayNode();
    matching.stream().skip((long) (page - 1) * size).limit(size).forEach(r -> list.add(copy(r)));
    final ObjectNode answer = JSON.createObjectNode();
    answer
        .putObject("refund_increment_get_response")
        .put("total_count", matching.size())
        .set("refund_list", list);
    return answer;
  }

  private ObjectNode information(final Shop shop, final MultiValueMap<String, String> params) {
    final ObjectNode answer = JSON.createObjectNode();
    answer
        .putObject("refund_information_get_response")
        .set("refund_info", copy(request(shop, params)));
    return answer;
  }

  private ObjectNode agreeRefund(final Shop shop, final MultiValueMap<String, String> params) {
    final SimRecord request = request(shop, params);
    final int status = request.body.path("after_sales_status").asInt();
    if (status != 10) {
      if (params.getFirst("refund_amount") != null) {
        request.body.put("refunded_amount", Long.parseLong(params.getFirst("refund_amount")));
      }
      change(request, 10);
    }
    return success("refund_agree_response");
  }

  private ObjectNode agreeReturn(final Shop shop, final MultiValueMap<String, String> params) {
    final SimRecord request = request(shop, params);
    required(params, "return_address_id");
    synchronized (request) {
      if (request.body.path("after_sales_status").asInt() != 7) {
        // the buyer sends the parcel; it reaches the warehouse after the return delay
        request.body.put(
            "tracking_number",
            "RT" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        change(request, 7);
        wms.receiveReturnLater(
            request.body.path("id").asText(), request.body.path("order_sn").asText());
      }
    }
    return success("refund_returngoods_agree_response");
  }

  private ObjectNode exchangeShipping(final Shop shop, final MultiValueMap<String, String> params) {
    final SimRecord request = request(shop, params);
    request.body.put("exchange_tracking_number", required(params, "tracking_number"));
    request.body.put("exchange_logistics_id", required(params, "logistics_id"));
    change(request, 16);
    return success("refund_exchange_shipping_response");
  }

  private ObjectNode extraParcel(final Shop shop, final MultiValueMap<String, String> params) {
    final SimRecord order = platform.order(shop, params.getFirst("order_sn"));
    final String type = required(params, "extra_track_type");
    if (!List.of("1", "2", "3").contains(type)) {
      throw new SimulatedError(
          21001, "extra_track_type must be 1, 2 or 3", "isv.invalid-parameter");
    }
    final String tracking = required(params, "tracking_number");
    synchronized (order) {
      final ArrayNode extra =
          order.body.has("extra_parcels")
              ? (ArrayNode) order.body.get("extra_parcels")
              : order.body.putArray("extra_parcels");
      // the same parcel uploaded again is the same parcel
      for (final JsonNode known : extra) {
        if (tracking.equals(known.path("tracking_number").asText())) {
          return success("order_upload_extra_logistics_response");
        }
      }
      final ObjectNode parcel = extra.addObject();
      parcel.put("extra_track_type", Integer.parseInt(type));
      parcel.put("logistics_id", required(params, "logistics_id"));
      parcel.put("tracking_number", tracking);
      platform.save(order);
    }
    return success("order_upload_extra_logistics_response");
  }

  private SimRecord request(final Shop shop, final MultiValueMap<String, String> params) {
    final String id = required(params, "after_sales_id");
    final String orderSn = params.getFirst("order_sn");
    if (!requests.containsKey(id) && orderSn != null && platform.findOrder(orderSn) != null) {
      adopt(id, platform.findOrder(orderSn));
    }
    final SimRecord request = requests.get(id);
    if (request == null || !request.shopId.equals(shop.shopId())) {
      throw new SimulatedError(21001, "after-sales record not found", "isv.after-sales-not-exist");
    }
    return request;
  }

  /**
   * Cases Pinflow took in through its own API were never opened on the simulated platform; at their
   * first call it adopts them, as if the buyer had opened them there.
   */
  private void adopt(final String id, final SimRecord order) {
    final ObjectNode body = JSON.createObjectNode();
    body.put("id", id);
    body.put("order_sn", order.body.path("order_sn").asText());
    body.put("after_sales_status", 2);
    body.put("after_sales_reason", "opened through the merchant");
    body.put("expire_time", clock.instant().plus(MERCHANT_DEADLINE).getEpochSecond());
    final SimRecord adopted = new SimRecord(order.shopId, body, clock.instant());
    if (requests.putIfAbsent(id, adopted) == null) {
      synchronized (adopted) {
        save(adopted);
      }
    }
  }

  private void change(final SimRecord request, final int status) {
    synchronized (request) {
      request.body.put("after_sales_status", status);
      Instant now = clock.instant();
      if (!now.isAfter(request.updatedAt)) {
        now = request.updatedAt.plusMillis(1);
      }
      request.updatedAt = now;
      save(request);
    }
  }

  /** Keeps the request as it is now; call while holding its lock. */
  private void save(final SimRecord request) {
    store.put(REQUESTS, request.body.path("id").asText(), SimulatorStore.platformRecord(request));
  }

  private static ObjectNode copy(final SimRecord request) {
    final ObjectNode copy = request.body.deepCopy();
    copy.put("updated_time", PddOrders.format(request.updatedAt));
    return copy;
  }

  private static long yuanToFen(final String yuan) {
    try {
      return new java.math.BigDecimal(yuan).movePointRight(2).longValue();
    } catch (final NumberFormatException e) {
      return 0;
    }
  }
}
