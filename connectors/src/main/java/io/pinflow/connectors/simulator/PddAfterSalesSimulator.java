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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
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
  private final LiveRecords requests;

  public PddAfterSalesSimulator(
      final PddSimulator platform,
      final WmsSimulator wms,
      final Clock clock,
      final SimulatorStore store,
      final SimulatorSettings settings) {
    this.platform = platform;
    this.wms = wms;
    this.clock = clock;
    this.requests =
        new LiveRecords(store, REQUESTS, "id", clock, settings.memoryWindow(), id -> {});
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
    return ResponseEntity.ok(copy(requests.add(new SimRecord(order.shopId, body, now))));
  }

  /** The buyer withdraws the request. */
  @PostMapping(value = "/after-sales/{id}/withdraw", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> withdraw(@PathVariable final String id) {
    final SimRecord request = requests.find(id);
    if (request == null) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok(copy(change(request, 11)));
  }

  @GetMapping(value = "/after-sales/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> get(@PathVariable final String id) {
    final SimRecord request = requests.find(id);
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
    final List<SimRecord> matching = requests.changedBetween(shop.shopId(), start, end);
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
    requests.withLock(
        request,
        current -> {
          if (current.body.path("after_sales_status").asInt() != 10) {
            if (params.getFirst("refund_amount") != null) {
              current.body.put("refunded_amount", Long.parseLong(params.getFirst("refund_amount")));
            }
            change(current, 10);
          }
          return null;
        });
    return success("refund_agree_response");
  }

  private ObjectNode agreeReturn(final Shop shop, final MultiValueMap<String, String> params) {
    final SimRecord request = request(shop, params);
    required(params, "return_address_id");
    requests.withLock(
        request,
        current -> {
          if (current.body.path("after_sales_status").asInt() != 7) {
            // the buyer sends the parcel; it reaches the warehouse after the return delay
            current.body.put(
                "tracking_number",
                "RT" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
            change(current, 7);
            wms.receiveReturnLater(
                current.body.path("id").asText(), current.body.path("order_sn").asText());
          }
          return null;
        });
    return success("refund_returngoods_agree_response");
  }

  private ObjectNode exchangeShipping(final Shop shop, final MultiValueMap<String, String> params) {
    final String tracking = required(params, "tracking_number");
    final String logisticsId = required(params, "logistics_id");
    requests.withLock(
        request(shop, params),
        current -> {
          current.body.put("exchange_tracking_number", tracking);
          current.body.put("exchange_logistics_id", logisticsId);
          return change(current, 16);
        });
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
    final String logisticsId = required(params, "logistics_id");
    platform.withLock(order, current -> addParcel(current, type, tracking, logisticsId));
    return success("order_upload_extra_logistics_response");
  }

  /** Adds the extra parcel to the order unless it has it; call while holding the order's lock. */
  private Void addParcel(
      final SimRecord order, final String type, final String tracking, final String logisticsId) {
    final ArrayNode extra =
        order.body.has("extra_parcels")
            ? (ArrayNode) order.body.get("extra_parcels")
            : order.body.putArray("extra_parcels");
    // the same parcel uploaded again is the same parcel
    for (final JsonNode known : extra) {
      if (tracking.equals(known.path("tracking_number").asText())) {
        return null;
      }
    }
    final ObjectNode parcel = extra.addObject();
    parcel.put("extra_track_type", Integer.parseInt(type));
    parcel.put("logistics_id", logisticsId);
    parcel.put("tracking_number", tracking);
    platform.save(order);
    return null;
  }

  private SimRecord request(final Shop shop, final MultiValueMap<String, String> params) {
    final String id = required(params, "after_sales_id");
    final String orderSn = params.getFirst("order_sn");
    if (orderSn != null && !requests.contains(id)) {
      final SimRecord order = platform.findOrder(orderSn);
      if (order != null) {
        adopt(id, order);
      }
    }
    final SimRecord request = requests.find(id);
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
    requests.add(new SimRecord(order.shopId, body, clock.instant()));
  }

  /** Sets the request's status and keeps it; returns the request changed. */
  private SimRecord change(final SimRecord request, final int status) {
    return requests.withLock(
        request,
        current -> {
          current.body.put("after_sales_status", status);
          Instant now = clock.instant();
          if (!now.isAfter(current.updatedAt)) {
            now = current.updatedAt.plusMillis(1);
          }
          current.updatedAt = now;
          requests.save(current);
          return current;
        });
  }

  /** Lets requests unchanged for the memory window leave memory; their table keeps them. */
  @Scheduled(fixedDelayString = "${pinflow.simulator.evict-every:PT30S}")
  void evictIdle() {
    requests.evictIdle();
  }

  /** Lets requests unchanged for {@code idle} leave memory; returns how many left. */
  public int evictIdle(final Duration idle) {
    return requests.evictIdle(idle);
  }

  /** Whether the request is in memory (tests of the memory window). */
  public boolean inMemory(final String id) {
    return requests.inMemory(id);
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
