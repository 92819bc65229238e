package io.pinflow.connectors.simulator;

import static io.pinflow.connectors.simulator.PddSimulator.invalid;
import static io.pinflow.connectors.simulator.PddSimulator.json;
import static io.pinflow.connectors.simulator.PddSimulator.number;
import static io.pinflow.connectors.simulator.PddSimulator.required;
import static io.pinflow.connectors.simulator.PddSimulator.success;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinflow.connectors.simulator.PddSimulator.SimulatedError;
import io.pinflow.domain.shop.Shop;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Limited-time discounts on the simulated PDD: {@code pdd.promotion.limited.activity.create} for
 * SKUs of one goods (activity price below the SKU's price, quantity, per-buyer limit, start and end
 * in epoch seconds) and {@code .cancel}, which is idempotent. Control endpoints show the
 * activities, which are kept in the database ({@link SimulatorStore}) across Pinflow's restarts.
 */
@RestController
@RequestMapping("/simulator/pdd/promotions")
@ConditionalOnSimulators
public class PddPromotionSimulator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACTIVITIES = "pdd-promotion";

  private final PddGoodsSimulator goods;
  private final Clock clock;
  private final SimulatorStore store;
  private final AtomicLong ids = new AtomicLong(80_000_000L + System.nanoTime() % 10_000_000L);
  private final Map<Long, Activity> activities = new ConcurrentHashMap<>();

  /** An activity as the platform keeps it. */
  record Activity(
      long activityId,
      String shopId,
      long goodsId,
      String name,
      long startTime,
      long endTime,
      JsonNode skus,
      Instant createdAt,
      Instant cancelledAt) {

    Activity cancelled(final Instant at) {
      return new Activity(
          activityId, shopId, goodsId, name, startTime, endTime, skus, createdAt, at);
    }

    ObjectNode describe() {
      final ObjectNode node = JSON.createObjectNode();
      node.put("activity_id", activityId)
          .put("shop_id", shopId)
          .put("goods_id", goodsId)
          .put("activity_name", name)
          .put("start_time", startTime)
          .put("end_time", endTime)
          .put("status", cancelledAt == null ? "ACTIVE" : "CANCELLED")
          .set("sku_list", skus);
      return node;
    }
  }

  public PddPromotionSimulator(
      final PddSimulator platform,
      final PddGoodsSimulator goods,
      final Clock clock,
      final SimulatorStore store) {
    this.goods = goods;
    this.clock = clock;
    this.store = store;
    for (final Activity activity : store.all(ACTIVITIES, Activity.class)) {
      activities.put(activity.activityId(), activity);
      ids.accumulateAndGet(activity.activityId(), Math::max);
    }
    platform.register("pdd.promotion.limited.activity.create", this::create);
    platform.register("pdd.promotion.limited.activity.cancel", this::cancel);
  }

  // ---- control endpoints

  @GetMapping(value = "/{activityId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> show(@PathVariable final long activityId) {
    final Activity activity = activities.get(activityId);
    return activity == null
        ? ResponseEntity.notFound().build()
        : ResponseEntity.ok(activity.describe());
  }

  /** The activities of a goods, oldest first. */
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> ofGoods(@RequestParam final long goodsId) {
    final List<Activity> found =
        activities.values().stream()
            .filter(a -> a.goodsId() == goodsId)
            .sorted(Comparator.comparingLong(Activity::activityId))
            .toList();
    final ObjectNode answer = JSON.createObjectNode();
    found.forEach(a -> answer.withArray("activities").add(a.describe()));
    answer.put("total", found.size());
    return ResponseEntity.ok(answer);
  }

  // ---- router APIs

  private ObjectNode create(final Shop shop, final MultiValueMap<String, String> params) {
    final long goodsId = number(required(params, "goods_id"), "goods_id");
    final String name = required(params, "activity_name");
    final long start = number(required(params, "start_time"), "start_time");
    final long end = number(required(params, "end_time"), "end_time");
    if (end <= start) {
      throw invalid("end_time must be after start_time");
    }
    if (end <= clock.instant().getEpochSecond()) {
      throw invalid("end_time has passed");
    }
    final JsonNode skus = json(required(params, "sku_list"), "sku_list");
    if (!skus.isArray() || skus.isEmpty()) {
      throw invalid("sku_list needs at least one SKU");
    }
    for (final JsonNode sku : skus) {
      final String outerId = sku.path("outer_id").asText("");
      final long price = sku.path("activity_price").asLong(0);
      final long quantity = sku.path("activity_quantity").asLong(0);
      final Long regular = outerId.isBlank() ? null : goods.skuPrice(shop, goodsId, outerId);
      if (regular == null) {
        throw new SimulatedError(
            21001, "goods " + goodsId + " has no SKU " + outerId, "isv.sku-not-exist");
      }
      if (price <= 0 || (regular > 0 && price >= regular)) {
        throw invalid("activity_price of " + outerId + " must be above 0 and below " + regular);
      }
      if (quantity <= 0) {
        throw invalid("activity_quantity of " + outerId + " must be above 0");
      }
    }
    final Activity activity =
        new Activity(
            ids.incrementAndGet(),
            shop.shopId(),
            goodsId,
            name,
            start,
            end,
            skus,
            clock.instant(),
            null);
    store.put(ACTIVITIES, Long.toString(activity.activityId()), activity);
    activities.put(activity.activityId(), activity);
    final ObjectNode answer = JSON.createObjectNode();
    answer
        .putObject("limited_activity_create_response")
        .put("activity_id", activity.activityId())
        .put("is_success", true);
    return answer;
  }

  private ObjectNode cancel(final Shop shop, final MultiValueMap<String, String> params) {
    final long activityId = number(required(params, "activity_id"), "activity_id");
    final Activity activity = activities.get(activityId);
    if (activity == null || !activity.shopId().equals(shop.shopId())) {
      throw new SimulatedError(
          21001, "activity " + activityId + " does not exist", "isv.activity-not-exist");
    }
    activities.computeIfPresent(
        activityId,
        (id, a) -> {
          if (a.cancelledAt() != null) {
            return a;
          }
          final Activity cancelled = a.cancelled(clock.instant());
          store.put(ACTIVITIES, Long.toString(id), cancelled);
          return cancelled;
        });
    return success("limited_activity_cancel_response");
  }
}
