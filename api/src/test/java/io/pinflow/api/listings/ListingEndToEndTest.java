package io.pinflow.api.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Listings through the running application: the simulated platform reviews and lists them, rejects
 * some, and stock figures follow the ledger once they are on sale.
 */
@PinflowIntegrationTest
class ListingEndToEndTest {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000);

  @Autowired TestApi api;
  @Autowired TestOrders orders;

  @Test
  void aListingWithinPolicyIsListedOnPddWithItsStock() {
    final String sku = orders.sku(30);
    final String goods = goodsId();

    final TestApi.Answer submitted =
        api.post("/api/listings", listing(goods, 1001, sku, 2500), api.admin());

    assertThat(submitted.status()).as(submitted.raw()).isEqualTo(202);
    final String listingId = submitted.body().path("listingId").asText();
    final JsonNode listed = awaitStatus(listingId, "LISTED");
    assertThat(listed.path("reviewDecision").asText()).isEqualTo("AUTO_APPROVE");
    assertThat(listed.path("submissions").asInt()).isEqualTo(1);
    final JsonNode onPdd = awaitGoods(goods, g -> g.path("is_onsale").asInt() == 1);
    assertThat(onPdd.path("goods_id").asLong()).isEqualTo(listed.path("goodsId").asLong());
    awaitGoods(goods, g -> skuOnPdd(g, sku).path("quantity").asInt() == 30);
    assertThat(timeline(listingId))
        .containsExactly("LISTING_SUBMITTED", "LISTING_DECISION", "LISTING_PUBLISHED", "LISTED");
  }

  @Test
  void aListingThePlatformRejectsIsFixedResubmittedAndListed() {
    final String sku = orders.sku(10);
    final String goods = goodsId();
    api.post(
        "/simulator/pdd/goods/review-outcomes",
        Map.of(
            "outerGoodsId",
            goods,
            "outcomes",
            List.of(Map.of("approve", false, "reason", "主图含有水印"))),
        Caller.anonymous());
    final String listingId =
        api.post("/api/listings", listing(goods, 1001, sku, 2500), api.admin())
            .body()
            .path("listingId")
            .asText();
    final Caller ops = api.userWithRole("OPS");

    final JsonNode task = api.awaitTask(ops, listingId, "Fix and resubmit listing");
    assertThat(task.path("variables").path("platformRejectReason").asText()).isEqualTo("主图含有水印");
    assertThat(api.get("/api/listings/" + listingId, api.admin()).body().path("status").asText())
        .isEqualTo("NEEDS_FIX");
    final TestApi.Answer done =
        api.post(
            "/api/tasks/" + task.path("taskId").asText() + "/complete",
            Map.of(
                "variables",
                Map.of(
                    "decision",
                    "RESUBMIT",
                    "title",
                    "Test goods, clean photos",
                    "comment",
                    "new photos")),
            ops);
    assertThat(done.status()).as(done.raw()).isEqualTo(200);

    final JsonNode listed = awaitStatus(listingId, "LISTED");
    assertThat(listed.path("title").asText()).isEqualTo("Test goods, clean photos");
    assertThat(listed.path("submissions").asInt()).isEqualTo(2);
    final JsonNode onPdd = awaitGoods(goods, g -> g.path("is_onsale").asInt() == 1);
    assertThat(onPdd.path("commits")).hasSize(2);
    assertThat(onPdd.path("commits").get(0).path("check_status").asInt()).isEqualTo(3);
    assertThat(onPdd.path("goods_name").asText()).isEqualTo("Test goods, clean photos");
    assertThat(timeline(listingId))
        .containsSubsequence(
            "LISTING_PUBLISHED",
            "PLATFORM_REJECTED",
            "TASK_COMPLETED",
            "LISTING_RESUBMITTED",
            "LISTING_PUBLISHED",
            "LISTED");
  }

  @Test
  void aRestrictedCategoryWaitsForTheOpsLeadAndTheSubmitterCannotApproveIt() {
    final String sku = orders.sku(5);
    final String goods = goodsId();
    final Caller lead = api.userWithRole("OPS_LEAD");
    final String listingId =
        api.post("/api/listings", listing(goods, 9314, sku, 2500), lead)
            .body()
            .path("listingId")
            .asText();
    final JsonNode task = api.awaitTask(lead, listingId, "Review listing");
    final String completePath = "/api/tasks/" + task.path("taskId").asText() + "/complete";

    final TestApi.Answer ownApproval =
        api.post(completePath, Map.of("variables", Map.of("decision", "APPROVE")), lead);
    assertThat(ownApproval.status()).as(ownApproval.raw()).isEqualTo(403);

    final Caller otherLead = api.ensureUser("lead-two", List.of("OPS_LEAD"), List.of("*"));
    final TestApi.Answer noReason =
        api.post(completePath, Map.of("variables", Map.of("decision", "REJECT")), otherLead);
    assertThat(noReason.status()).as(noReason.raw()).isEqualTo(400);
    final TestApi.Answer rejected =
        api.post(
            completePath,
            Map.of("variables", Map.of("decision", "REJECT", "comment", "needs a licence number")),
            otherLead);
    assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);

    final JsonNode closed = awaitStatus(listingId, "REJECTED");
    assertThat(closed.path("reviewRule").asText()).isEqualTo("restricted category");
    assertThat(closed.path("closedReason").asText()).isEqualTo("needs a licence number");
    assertThat(closed.path("goodsId").isNull()).isTrue();
    assertThat(api.get("/simulator/pdd/goods/" + goods, Caller.anonymous()).status())
        .isEqualTo(404);
  }

  @Test
  void anInvalidListingIsChangedThroughTheApiAndResubmitted() {
    final String sku = orders.sku(8);
    final String goods = goodsId();
    final String listingId =
        api.post("/api/listings", listing(goods, 1001, "T-UNKNOWN-" + goods, 2500), api.admin())
            .body()
            .path("listingId")
            .asText();
    final Caller ops = api.userWithRole("OPS");
    final JsonNode task = api.awaitTask(ops, listingId, "Fix and resubmit listing");
    final JsonNode needsFix = api.get("/api/listings/" + listingId, api.admin()).body();
    assertThat(needsFix.path("status").asText()).isEqualTo("NEEDS_FIX");
    assertThat(needsFix.path("problems").get(0).asText()).contains("not in the catalogue");

    final TestApi.Answer changed =
        api.call(
            HttpMethod.PUT, "/api/listings/" + listingId, listing(goods, 1001, sku, 2500), ops);
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    api.post(
        "/api/tasks/" + task.path("taskId").asText() + "/complete",
        Map.of("variables", Map.of("decision", "RESUBMIT")),
        ops);

    final JsonNode listed = awaitStatus(listingId, "LISTED");
    assertThat(listed.path("problems")).isEmpty();
    assertThat(listed.path("skus").get(0).path("outerSkuId").asText()).isEqualTo(sku);
  }

  @Test
  void aDelistedListingGoesOffSaleAndItsStockIsNoLongerPushed() {
    final String sku = orders.sku(12);
    final String goods = goodsId();
    final String listingId =
        api.post("/api/listings", listing(goods, 1001, sku, 2500), api.admin())
            .body()
            .path("listingId")
            .asText();
    awaitStatus(listingId, "LISTED");
    awaitGoods(goods, g -> skuOnPdd(g, sku).path("quantity").asInt() == 12);

    final TestApi.Answer delist =
        api.post(
            "/api/listings/" + listingId + "/delist", Map.of("reason", "season over"), api.admin());
    assertThat(delist.status()).as(delist.raw()).isEqualTo(202);
    final JsonNode delisted = awaitStatus(listingId, "DELISTED");
    assertThat(delisted.path("closedReason").asText()).isEqualTo("season over");
    awaitGoods(goods, g -> g.path("is_onsale").asInt() == 0);
    assertThat(api.get("/api/inventory/" + sku, api.admin()).body().path("onPdd")).isEmpty();
    final long updates = skuOnPdd(pddGoods(goods), sku).path("quantity_updates").asLong();
    api.call(HttpMethod.PUT, "/api/inventory/" + sku, Map.of("onHand", 3), api.admin());
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> skuOnPdd(pddGoods(goods), sku).path("quantity_updates").asLong() == updates);

    final TestApi.Answer again =
        api.post("/api/listings/" + listingId + "/delist", Map.of(), api.admin());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("type").asText()).endsWith("conflict/listing-closed");
  }

  @Test
  void theSameListingTwiceIsOneListingAndADifferentOneIsAConflict() {
    final String sku = orders.sku(4);
    final String goods = goodsId();
    final Map<String, Object> body = listing(goods, 1001, sku, 2500);
    final TestApi.Answer first = api.post("/api/listings", body, api.admin());
    final TestApi.Answer second = api.post("/api/listings", body, api.admin());
    final TestApi.Answer other =
        api.post("/api/listings", listing(goods, 1001, sku, 2600), api.admin());

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().path("listingId").asText())
        .isEqualTo(first.body().path("listingId").asText());
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.body().path("type").asText()).endsWith("conflict/listing-active");
    assertThat(
            api.get("/api/listings?outerGoodsId=" + goods, api.admin())
                .body()
                .path("total")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void aMalformedListingIsRefusedFieldByField() {
    final TestApi.Answer answer =
        api.post(
            "/api/listings",
            Map.of(
                "shopId", "demo-shop",
                "outerGoodsId", "bad id!",
                "title", "x".repeat(61),
                "images", List.of("ftp://nope"),
                "skus", List.of(Map.of("outerSkuId", "A", "spec", "M", "priceFen", 0))),
            api.admin());

    assertThat(answer.status()).isEqualTo(400);
    final List<String> fields = new ArrayList<>();
    answer.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields)
        .contains("outerGoodsId", "title", "categoryId", "images[0]", "skus[0].priceFen");
  }

  // ---- helpers

  private static String goodsId() {
    return "T-GOODS-" + SERIAL.incrementAndGet();
  }

  private static Map<String, Object> listing(
      final String goods, final long category, final String sku, final long priceFen) {
    return Map.of(
        "shopId",
        "demo-shop",
        "outerGoodsId",
        goods,
        "title",
        "Test goods " + goods,
        "categoryId",
        category,
        "images",
        List.of("https://img.example.com/" + goods + ".jpg"),
        "skus",
        List.of(
            Map.of("outerSkuId", sku, "spec", "one size", "priceFen", priceFen, "quantity", 1)));
  }

  private JsonNode awaitStatus(final String listingId, final String status) {
    return await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/listings/" + listingId, api.admin()).body(),
            l -> l != null && status.equals(l.path("status").asText()));
  }

  private JsonNode pddGoods(final String goods) {
    return api.get("/simulator/pdd/goods/" + goods, Caller.anonymous()).body();
  }

  private JsonNode awaitGoods(
      final String goods, final java.util.function.Predicate<JsonNode> test) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> pddGoods(goods), g -> g != null && test.test(g));
  }

  private static JsonNode skuOnPdd(final JsonNode goods, final String sku) {
    for (final JsonNode s : goods.path("sku_list")) {
      if (sku.equals(s.path("outer_id").asText())) {
        return s;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private List<String> timeline(final String listingId) {
    final List<String> types = new ArrayList<>();
    api.get("/api/listings/" + listingId + "/timeline", api.admin())
        .body()
        .forEach(e -> types.add(e.path("type").asText()));
    return types;
  }
}
