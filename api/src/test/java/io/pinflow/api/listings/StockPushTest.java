package io.pinflow.api.listings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import io.pinflow.domain.stock.StockOwner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Stock figures on PDD follow the ledger: bursts coalesce into few calls, the shop's safety buffer
 * is held back, failures are retried and refusals show as incidents.
 */
@PinflowIntegrationTest
class StockPushTest {

  private static final String SHOP = "push-shop";
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000);

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired StockLedger stock;

  @BeforeEach
  void shopWithBuffer() {
    api.ensureShop(SHOP);
    final TestApi.Answer buffer =
        api.call(HttpMethod.PUT, "/api/shops/" + SHOP, Map.of("stockSafetyBuffer", 5), api.admin());
    assertThat(buffer.status()).as(buffer.raw()).isEqualTo(200);
  }

  @Test
  void aBurstOfAThousandChangesBecomesAFewCallsAndKeepsTheBufferBack() {
    final String sku = orders.sku(500);
    final String goods = listOnShop(sku);
    awaitQuantity(goods, sku, 495);
    final long before = updates(goods, sku);

    // 1,000 changes of one SKU as fast as the ledger takes them: reservations and releases
    for (int i = 0; i < 500; i++) {
      final StockOwner owner = new StockOwner(StockOwner.Type.ORDER, "burst-" + sku + "-" + i);
      stock.reserve(owner, List.of(new StockDemand(sku, 1)));
      if (i % 2 == 0) {
        stock.release(owner);
      }
    }

    // 250 reservations remain: 500 - 250 available, 5 held back
    awaitQuantity(goods, sku, 245);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> quantity(goods, sku) == 245);
    final long calls = updates(goods, sku) - before;
    assertThat(calls).isBetween(1L, 15L);
    System.out.printf("stock push: 1000 changes of one SKU -> %d call(s) to PDD%n", calls);
  }

  @Test
  void lessStockThanTheBufferShowsZeroAndAChangedBufferIsPushedAgain() {
    final String sku = orders.sku(3);
    final String goods = listOnShop(sku);
    awaitQuantity(goods, sku, 0);

    api.call(HttpMethod.PUT, "/api/shops/" + SHOP, Map.of("stockSafetyBuffer", 1), api.admin());

    awaitQuantity(goods, sku, 2);
  }

  @Test
  void aPlatformOutageIsRetriedAfterTheBackOff() {
    final String sku = orders.sku(40);
    final String goods = listOnShop(sku);
    awaitQuantity(goods, sku, 35);
    api.post(
        "/simulator/pdd/faults",
        Map.of("api", "pdd.goods.quantity.update", "shop_id", SHOP, "errorCode", 52103, "times", 2),
        Caller.anonymous());

    api.call(HttpMethod.PUT, "/api/inventory/" + sku, Map.of("onHand", 20), api.admin());

    awaitQuantity(goods, sku, 15);
    final JsonNode onPdd = api.get("/api/inventory/" + sku, api.admin()).body().path("onPdd");
    assertThat(onPdd).hasSize(1);
    assertThat(onPdd.get(0).path("pushedQuantity").asInt()).isEqualTo(15);
    assertThat(onPdd.get(0).path("failure").isNull()).isTrue();
  }

  @Test
  void aFigureThePlatformRefusesBecomesAnIncidentWhoseRetryPushesIt() {
    final String sku = orders.sku(50);
    final String goods = listOnShop(sku);
    awaitQuantity(goods, sku, 45);
    final long goodsId = pddGoods(goods).path("goods_id").asLong();
    api.post(
        "/simulator/pdd/goods/" + goodsId + "/skus/" + sku + "/minimum?quantity=30",
        null,
        Caller.anonymous());

    api.call(HttpMethod.PUT, "/api/inventory/" + sku, Map.of("onHand", 20), api.admin());

    final JsonNode incident =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> openIncident(SHOP + ":" + sku), i -> i != null);
    assertThat(incident.path("errorMessage").asText()).contains("held by a promotion");
    assertThat(quantity(goods, sku)).isEqualTo(45);

    api.post(
        "/simulator/pdd/goods/" + goodsId + "/skus/" + sku + "/minimum?quantity=0",
        null,
        Caller.anonymous());
    final TestApi.Answer retried =
        api.post(
            "/api/incidents/" + incident.path("incidentKey").asLong() + "/retry",
            null,
            api.admin());
    assertThat(retried.status()).as(retried.raw()).isEqualTo(200);

    awaitQuantity(goods, sku, 15);
  }

  // ---- helpers

  private String listOnShop(final String sku) {
    final String goods = "P-GOODS-" + SERIAL.incrementAndGet();
    final TestApi.Answer submitted =
        api.post(
            "/api/listings",
            Map.of(
                "shopId",
                SHOP,
                "outerGoodsId",
                goods,
                "title",
                "Push test " + goods,
                "categoryId",
                1001,
                "images",
                List.of("https://img.example.com/" + goods + ".jpg"),
                "skus",
                List.of(
                    Map.of(
                        "outerSkuId", sku, "spec", "one size", "priceFen", 2500, "quantity", 0))),
            api.admin());
    assertThat(submitted.status()).as(submitted.raw()).isEqualTo(202);
    final String listingId = submitted.body().path("listingId").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> api.get("/api/listings/" + listingId, api.admin()).body().path("status").asText(),
            "LISTED"::equals);
    return goods;
  }

  private JsonNode pddGoods(final String goods) {
    return api.get("/simulator/pdd/goods/" + goods, Caller.anonymous()).body();
  }

  private JsonNode skuOnPdd(final String goods, final String sku) {
    for (final JsonNode s : pddGoods(goods).path("sku_list")) {
      if (sku.equals(s.path("outer_id").asText())) {
        return s;
      }
    }
    throw new AssertionError(sku + " is not on goods " + goods);
  }

  private int quantity(final String goods, final String sku) {
    return skuOnPdd(goods, sku).path("quantity").asInt();
  }

  private long updates(final String goods, final String sku) {
    return skuOnPdd(goods, sku).path("quantity_updates").asLong();
  }

  private void awaitQuantity(final String goods, final String sku, final int quantity) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> quantity(goods, sku), q -> q == quantity);
  }

  private JsonNode openIncident(final String businessKey) {
    for (final JsonNode i :
        api.get("/api/incidents?status=OPEN&size=200", api.admin()).body().path("items")) {
      if (businessKey.equals(i.path("businessKey").asText())) {
        return i;
      }
    }
    return null;
  }
}
