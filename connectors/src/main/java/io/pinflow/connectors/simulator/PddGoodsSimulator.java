package io.pinflow.connectors.simulator;

import static io.pinflow.connectors.simulator.PddSimulator.invalid;
import static io.pinflow.connectors.simulator.PddSimulator.json;
import static io.pinflow.connectors.simulator.PddSimulator.number;
import static io.pinflow.connectors.simulator.PddSimulator.problem;
import static io.pinflow.connectors.simulator.PddSimulator.required;
import static io.pinflow.connectors.simulator.PddSimulator.success;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinflow.connectors.simulator.PddSimulator.SimulatedError;
import io.pinflow.domain.shop.Shop;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The goods side of the simulated PDD: goods are added or changed as commits that go through the
 * platform's review (approved after the review delay, unless a queued outcome for the goods says
 * otherwise), are put on and off sale, and take stock updates. Control endpoints queue review
 * outcomes and show a goods as the platform holds it.
 *
 * <p>{@code check_status}: 1 in review, 2 approved, 3 rejected (with {@code reject_comment}).
 *
 * <p>Goods, commits and queued outcomes are kept in the database ({@link SimulatorStore}), as the
 * platform keeps them across Pinflow's restarts.
 */
@RestController
@RequestMapping("/simulator/pdd/goods")
@ConditionalOnSimulators
public class PddGoodsSimulator {

  static final int IN_REVIEW = 1;
  static final int APPROVED = 2;
  static final int REJECTED = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOODS = "pdd-goods";
  private static final String COMMITS = "pdd-goods-commit";
  private static final String OUTCOMES = "pdd-goods-outcomes";

  private final SimulatorSettings settings;
  private final Clock clock;
  private final SimulatorStore store;
  private final AtomicLong ids = new AtomicLong(600_000_000L + System.nanoTime() % 100_000_000L);
  private final Map<Long, Goods> goods = new ConcurrentHashMap<>();
  private final Map<Long, Commit> commits = new ConcurrentHashMap<>();
  private final Map<String, Deque<Outcome>> outcomes = new ConcurrentHashMap<>();

  /** A goods as the platform keeps it; its SKUs by the merchant's outer id. */
  static final class Goods {
    final long goodsId;
    final String shopId;
    volatile String outerGoodsId;
    volatile String name;
    volatile long catId;
    volatile boolean onSale;
    volatile boolean approvedOnce;
    volatile boolean adopted;
    final Map<String, Sku> skus = new ConcurrentHashMap<>();

    Goods(final long goodsId, final String shopId) {
      this.goodsId = goodsId;
      this.shopId = shopId;
    }
  }

  /** A SKU's price and stock on the platform, and how many stock updates it took. */
  static final class Sku {
    volatile long priceFen;
    volatile long quantity;
    volatile long minimum;
    final AtomicLong quantityUpdates = new AtomicLong();
  }

  /** One submission of a goods for review, and how the review will end. */
  record Commit(long commitId, long goodsId, Instant submittedAt, Outcome outcome) {}

  /** How a queued review ends: approved, or rejected with the platform's reason. */
  public record Outcome(boolean approve, String reason) {}

  public PddGoodsSimulator(
      final PddSimulator platform,
      final SimulatorSettings settings,
      final Clock clock,
      final SimulatorStore store) {
    this.settings = settings;
    this.clock = clock;
    this.store = store;
    load();
    platform.register("pdd.goods.add", this::add);
    platform.register("pdd.goods.information.update", this::update);
    platform.register("pdd.goods.commit.status.get", this::commitStatus);
    platform.register("pdd.goods.list.get", this::list);
    platform.register("pdd.goods.sale.status.set", this::saleStatus);
    platform.register("pdd.goods.quantity.update", this::quantity);
  }

  private void load() {
    for (final JsonNode stored : store.all(GOODS)) {
      final Goods g = new Goods(stored.path("goodsId").asLong(), stored.path("shopId").asText());
      g.outerGoodsId =
          stored.hasNonNull("outerGoodsId") ? stored.path("outerGoodsId").asText() : null;
      g.name = stored.path("name").asText(null);
      g.catId = stored.path("catId").asLong();
      g.onSale = stored.path("onSale").asBoolean();
      g.approvedOnce = stored.path("approvedOnce").asBoolean();
      g.adopted = stored.path("adopted").asBoolean();
      stored
          .path("skus")
          .properties()
          .forEach(
              sku -> {
                final Sku kept = new Sku();
                kept.priceFen = sku.getValue().path("priceFen").asLong();
                kept.quantity = sku.getValue().path("quantity").asLong();
                kept.minimum = sku.getValue().path("minimum").asLong();
                kept.quantityUpdates.set(sku.getValue().path("quantityUpdates").asLong());
                g.skus.put(sku.getKey(), kept);
              });
      goods.put(g.goodsId, g);
      ids.accumulateAndGet(g.goodsId, Math::max);
    }
    for (final JsonNode stored : store.all(COMMITS)) {
      final Commit commit =
          new Commit(
              stored.path("commitId").asLong(),
              stored.path("goodsId").asLong(),
              java.time.Instant.parse(stored.path("submittedAt").asText()),
              new Outcome(stored.path("approve").asBoolean(), stored.path("reason").asText("")));
      commits.put(commit.commitId(), commit);
      ids.accumulateAndGet(commit.commitId(), Math::max);
    }
    for (final JsonNode stored : store.all(OUTCOMES)) {
      final Deque<Outcome> queue = new ArrayDeque<>();
      stored
          .path("outcomes")
          .forEach(
              o ->
                  queue.add(new Outcome(o.path("approve").asBoolean(), o.path("reason").asText())));
      outcomes.put(stored.path("outerGoodsId").asText(), queue);
    }
  }

  /** Keeps the goods as it is now. */
  private void save(final Goods g) {
    synchronized (g) {
      final ObjectNode stored = JSON.createObjectNode();
      stored.put("goodsId", g.goodsId).put("shopId", g.shopId).put("outerGoodsId", g.outerGoodsId);
      stored.put("name", g.name).put("catId", g.catId).put("onSale", g.onSale);
      stored.put("approvedOnce", g.approvedOnce).put("adopted", g.adopted);
      final ObjectNode skus = stored.putObject("skus");
      g.skus.forEach(
          (outerId, sku) ->
              skus.putObject(outerId)
                  .put("priceFen", sku.priceFen)
                  .put("quantity", sku.quantity)
                  .put("minimum", sku.minimum)
                  .put("quantityUpdates", sku.quantityUpdates.get()));
      store.put(GOODS, Long.toString(g.goodsId), stored);
    }
  }

  private void save(final Commit commit) {
    final ObjectNode stored = JSON.createObjectNode();
    stored.put("commitId", commit.commitId()).put("goodsId", commit.goodsId());
    stored.put("submittedAt", commit.submittedAt().toString());
    stored.put("approve", commit.outcome().approve()).put("reason", commit.outcome().reason());
    store.put(COMMITS, Long.toString(commit.commitId()), stored);
  }

  /** Keeps the outcomes still queued for a goods; call while holding the queue's lock. */
  private void save(final String outerGoodsId, final Deque<Outcome> queue) {
    final ObjectNode stored = JSON.createObjectNode();
    stored.put("outerGoodsId", outerGoodsId);
    final ArrayNode list = stored.putArray("outcomes");
    queue.forEach(o -> list.addObject().put("approve", o.approve()).put("reason", o.reason()));
    store.put(OUTCOMES, outerGoodsId, stored);
  }

  // ---- control endpoints

  /**
   * Queues how the next reviews of a goods end, in order: {@code {"outerGoodsId": "G-1",
   * "outcomes": [{"approve": false, "reason": "主图含有水印"}]}}; reviews beyond the queue approve.
   */
  @PostMapping(value = "/review-outcomes", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> queueOutcomes(@RequestBody final JsonNode request) {
    final String outerGoodsId = request.path("outerGoodsId").asText("");
    if (outerGoodsId.isBlank() || !request.path("outcomes").isArray()) {
      return problem("outerGoodsId and an outcomes array are required");
    }
    final Deque<Outcome> queue = outcomes.computeIfAbsent(outerGoodsId, k -> new ArrayDeque<>());
    synchronized (queue) {
      for (final JsonNode outcome : request.path("outcomes")) {
        queue.addLast(
            new Outcome(
                outcome.path("approve").asBoolean(true),
                outcome.path("reason").asText("商品信息不符合平台规则")));
      }
      save(outerGoodsId, queue);
    }
    final ObjectNode answer = JSON.createObjectNode();
    answer.put("outerGoodsId", outerGoodsId).put("queued", queue.size());
    return ResponseEntity.ok(answer);
  }

  /** The goods as the platform holds it, by goods id or the merchant's outer goods id. */
  @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> show(@PathVariable final String id) {
    final Goods found =
        goods.values().stream()
            .filter(g -> Long.toString(g.goodsId).equals(id) || id.equals(g.outerGoodsId))
            .max(Comparator.comparingLong(g -> g.goodsId))
            .orElse(null);
    if (found == null) {
      return ResponseEntity.notFound().build();
    }
    final ObjectNode answer = describe(found);
    final ArrayNode history = answer.putArray("commits");
    commits.values().stream()
        .filter(c -> c.goodsId() == found.goodsId)
        .sorted(Comparator.comparingLong(Commit::commitId))
        .forEach(
            c ->
                history
                    .addObject()
                    .put("goods_commit_id", c.commitId())
                    .put("check_status", status(c))
                    .put("reject_comment", status(c) == REJECTED ? c.outcome().reason() : ""));
    return ResponseEntity.ok(answer);
  }

  /** Stock of a SKU locked by a promotion: updates below it fail, as on the platform. */
  @PostMapping(value = "/{goodsId}/skus/{outerId}/minimum", produces = "application/json")
  public ResponseEntity<JsonNode> lockMinimum(
      @PathVariable final long goodsId,
      @PathVariable final String outerId,
      @RequestParam final long quantity) {
    final Goods found = goods.get(goodsId);
    if (found == null || !found.skus.containsKey(outerId)) {
      return ResponseEntity.notFound().build();
    }
    found.skus.get(outerId).minimum = quantity;
    save(found);
    return ResponseEntity.ok(describe(found));
  }

  /**
   * The price of a SKU of a shop's goods, for the promotion side; goods the simulator does not know
   * are adopted as in any other call. Null when the goods has no such SKU.
   */
  Long skuPrice(final Shop shop, final long goodsId, final String outerId) {
    final Goods found = owned(shop, goodsId, outerId);
    if (found.adopted && found.skus.putIfAbsent(outerId, new Sku()) == null) {
      save(found);
    }
    final Sku sku = found.skus.get(outerId);
    return sku == null ? null : sku.priceFen;
  }

  // ---- router APIs

  private ObjectNode add(final Shop shop, final MultiValueMap<String, String> params) {
    final Goods created = new Goods(ids.incrementAndGet(), shop.shopId());
    apply(created, params);
    goods.put(created.goodsId, created);
    save(created);
    final Commit commit = submit(created);
    final ObjectNode answer = JSON.createObjectNode();
    answer
        .putObject("goods_add_response")
        .put("goods_id", created.goodsId)
        .put("goods_commit_id", commit.commitId())
        .put("matched_spu_id", 0);
    return answer;
  }

  private ObjectNode update(final Shop shop, final MultiValueMap<String, String> params) {
    final Goods found = owned(shop, params);
    apply(found, params);
    save(found);
    final Commit commit = submit(found);
    final ObjectNode answer = JSON.createObjectNode();
    answer
        .putObject("goods_information_update_response")
        .put("is_success", true)
        .put("goods_commit_id", commit.commitId());
    return answer;
  }

  private void apply(final Goods target, final MultiValueMap<String, String> params) {
    final String name = required(params, "goods_name");
    final long catId = number(required(params, "cat_id"), "cat_id");
    final JsonNode gallery = json(required(params, "carousel_gallery"), "carousel_gallery");
    final JsonNode skuList = json(required(params, "sku_list"), "sku_list");
    if (catId <= 0) {
      throw invalid("cat_id must be a leaf category id");
    }
    if (!gallery.isArray() || gallery.isEmpty()) {
      throw invalid("carousel_gallery needs at least one image");
    }
    if (!skuList.isArray() || skuList.isEmpty()) {
      throw invalid("sku_list needs at least one SKU");
    }
    final Map<String, Sku> skus = new LinkedHashMap<>();
    for (final JsonNode sku : skuList) {
      final String outerId = sku.path("out_sku_sn").asText("");
      final long price = sku.path("price").asLong(0);
      if (outerId.isBlank() || price <= 0) {
        throw invalid("each SKU needs out_sku_sn and a price in fen above 0");
      }
      final Sku kept = target.skus.getOrDefault(outerId, new Sku());
      kept.priceFen = price;
      if (!target.skus.containsKey(outerId)) {
        kept.quantity = sku.path("quantity").asLong(0);
      }
      skus.put(outerId, kept);
    }
    synchronized (target) {
      target.name = name;
      target.catId = catId;
      target.outerGoodsId = params.getFirst("out_goods_id");
      target.skus.keySet().retainAll(skus.keySet());
      target.skus.putAll(skus);
    }
  }

  private Commit submit(final Goods target) {
    final Deque<Outcome> queue =
        target.outerGoodsId == null ? null : outcomes.get(target.outerGoodsId);
    Outcome outcome = null;
    if (queue != null) {
      synchronized (queue) {
        outcome = queue.pollFirst();
        save(target.outerGoodsId, queue);
      }
    }
    final Commit commit =
        new Commit(
            ids.incrementAndGet(),
            target.goodsId,
            clock.instant(),
            outcome == null ? new Outcome(true, "") : outcome);
    save(commit);
    commits.put(commit.commitId(), commit);
    return commit;
  }

  private ObjectNode commitStatus(final Shop shop, final MultiValueMap<String, String> params) {
    final JsonNode ids = json(required(params, "goods_commit_id_list"), "goods_commit_id_list");
    final ObjectNode answer = JSON.createObjectNode();
    final ArrayNode list = answer.putObject("goods_commit_status_get_response").putArray("list");
    for (final JsonNode id : ids) {
      final Commit commit = commits.get(id.asLong());
      if (commit == null || !goods.get(commit.goodsId()).shopId.equals(shop.shopId())) {
        continue;
      }
      final int status = status(commit);
      if (status == APPROVED && !goods.get(commit.goodsId()).approvedOnce) {
        goods.get(commit.goodsId()).approvedOnce = true;
        save(goods.get(commit.goodsId()));
      }
      list.addObject()
          .put("goods_commit_id", commit.commitId())
          .put("goods_id", commit.goodsId())
          .put("check_status", status)
          .put("reject_comment", status == REJECTED ? commit.outcome().reason() : "");
    }
    return answer;
  }

  private int status(final Commit commit) {
    if (clock.instant().isBefore(commit.submittedAt().plus(settings.reviewDelay()))) {
      return IN_REVIEW;
    }
    return commit.outcome().approve() ? APPROVED : REJECTED;
  }

  private ObjectNode list(final Shop shop, final MultiValueMap<String, String> params) {
    final String outer = params.getFirst("outer_goods_id");
    final List<Goods> matching =
        goods.values().stream()
            .filter(g -> g.shopId.equals(shop.shopId()))
            .filter(g -> outer == null || outer.equals(g.outerGoodsId))
            .sorted(Comparator.comparingLong(g -> g.goodsId))
            .toList();
    final int page = (int) Math.max(1, numberOr(params.getFirst("page"), 1));
    final int size = (int) Math.min(100, Math.max(1, numberOr(params.getFirst("page_size"), 100)));
    final ObjectNode answer = JSON.createObjectNode();
    final ObjectNode response = answer.putObject("goods_list_get_response");
    response.put("total_count", matching.size());
    final ArrayNode list = response.putArray("goods_list");
    matching.stream()
        .skip((long) (page - 1) * size)
        .limit(size)
        .forEach(g -> list.add(describe(g)));
    return answer;
  }

  private ObjectNode saleStatus(final Shop shop, final MultiValueMap<String, String> params) {
    final Goods found = owned(shop, params);
    final String onSale = required(params, "is_onsale");
    if (!"0".equals(onSale) && !"1".equals(onSale)) {
      throw invalid("is_onsale must be 0 or 1");
    }
    if ("1".equals(onSale) && !found.approvedOnce) {
      throw new SimulatedError(
          21001, "goods " + found.goodsId + " has not passed review", "isv.goods-not-approved");
    }
    found.onSale = "1".equals(onSale);
    save(found);
    return success("goods_sale_status_set_response");
  }

  private ObjectNode quantity(final Shop shop, final MultiValueMap<String, String> params) {
    final Goods found = owned(shop, params);
    final String outerId = params.getFirst("outer_id");
    if (found.adopted && outerId != null && found.skus.putIfAbsent(outerId, new Sku()) == null) {
      save(found);
    }
    final Sku sku = outerId == null ? null : found.skus.get(outerId);
    if (sku == null) {
      throw invalid("no SKU with outer_id " + outerId + " in goods " + found.goodsId);
    }
    final long quantity = number(required(params, "quantity"), "quantity");
    final String type =
        params.getFirst("update_type") == null ? "1" : params.getFirst("update_type");
    synchronized (sku) {
      final long next = "2".equals(type) ? sku.quantity + quantity : quantity;
      if (next < 0) {
        throw invalid("quantity would go below 0");
      }
      if (next < sku.minimum) {
        throw new SimulatedError(
            21001,
            "stock of " + outerId + " is held by a promotion: at least " + sku.minimum,
            "isv.promotion-stock-locked");
      }
      sku.quantity = next;
      sku.quantityUpdates.incrementAndGet();
    }
    save(found);
    return success("goods_quantity_update_response");
  }

  private Goods owned(final Shop shop, final MultiValueMap<String, String> params) {
    return owned(
        shop, number(required(params, "goods_id"), "goods_id"), params.getFirst("outer_id"));
  }

  private Goods owned(final Shop shop, final long goodsId, final String outerId) {
    // goods it does not know (its records were deleted, say) are taken as approved goods of the
    // calling shop
    final boolean known = goods.containsKey(goodsId);
    final Goods found = goods.computeIfAbsent(goodsId, id -> adopt(id, shop.shopId(), outerId));
    if (!known) {
      save(found);
    }
    if (!found.shopId.equals(shop.shopId())) {
      throw new SimulatedError(21001, "goods not found", "isv.goods-not-exist");
    }
    return found;
  }

  private static Goods adopt(final long goodsId, final String shopId, final String outerId) {
    final Goods adopted = new Goods(goodsId, shopId);
    adopted.approvedOnce = true;
    adopted.adopted = true;
    adopted.onSale = true;
    adopted.name = "goods " + goodsId;
    if (outerId != null) {
      adopted.skus.put(outerId, new Sku());
    }
    return adopted;
  }

  private static ObjectNode describe(final Goods g) {
    final ObjectNode node = JSON.createObjectNode();
    node.put("goods_id", g.goodsId)
        .put("outer_goods_id", g.outerGoodsId)
        .put("goods_name", g.name)
        .put("cat_id", g.catId)
        .put("is_onsale", g.onSale ? 1 : 0);
    final ArrayNode skus = node.putArray("sku_list");
    g.skus.forEach(
        (outerId, sku) ->
            skus.addObject()
                .put("outer_id", outerId)
                .put("price", sku.priceFen)
                .put("quantity", sku.quantity)
                .put("quantity_updates", sku.quantityUpdates.get()));
    return node;
  }

  private static long numberOr(final String value, final long fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return number(value, "page");
  }
}
