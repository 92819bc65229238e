package io.pinflow.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PinflowIntegrationTest
class OrderIntakeTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired JdbcClient jdbc;

  @Test
  void theSameOrderFromTheApiTwiceAndFromPddIsOneOrderWithOneProcess() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();

    final Answer first = api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    final Answer second = api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    api.post(
        "/simulator/pdd/orders",
        Map.of(
            "shop_id",
            "demo-shop",
            "order_sn",
            orderSn,
            "item_list",
            List.of(Map.of("outer_id", sku, "goods_count", 1, "goods_price", "25.00"))),
        Caller.anonymous());

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().path("orderSn").asText()).isEqualTo(orderSn);
    assertThat(second.body().path("createdAt")).isEqualTo(first.body().path("createdAt"));
    orders.awaitStatus(orderSn, "COMPLETED");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> orders.timelineTypes(orderSn).stream().filter("COMPLETED"::equals).count() == 1);
    final List<String> timeline = orders.timelineTypes(orderSn);
    assertThat(timeline.stream().filter("ORDER_RECEIVED"::equals)).hasSize(1);
    assertThat(timeline.stream().filter("SENT_TO_WMS"::equals)).hasSize(1);
    assertThat(timeline.stream().filter("TRACKING_UPLOADED"::equals)).hasSize(1);
    assertThat(
            api.get("/simulator/wms/outbound/" + orderSn, Caller.anonymous())
                .body()
                .path("creates")
                .asInt())
        .isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM orders WHERE order_sn = ?")
                .param(orderSn)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void everyAcceptedOrderIsReadableAtOnceByIdAndInTheListWhileOthersArrive() throws Exception {
    final String shop = api.ensureShop("read-your-write-" + System.nanoTime());
    final String sku = orders.sku(100);
    final int callers = 4;
    final int ordersEach = 5;
    final CountDownLatch start = new CountDownLatch(1);
    final ExecutorService pool = Executors.newFixedThreadPool(callers);
    final List<Future<List<String>>> callersMisses = new ArrayList<>();
    try {
      for (int caller = 0; caller < callers; caller++) {
        callersMisses.add(
            pool.submit(
                () -> {
                  start.await();
                  final List<String> misses = new ArrayList<>();
                  for (int i = 0; i < ordersEach; i++) {
                    misses.addAll(submitAndReadBack(shop, sku));
                  }
                  return misses;
                }));
      }
      start.countDown();
      final List<String> misses = new ArrayList<>();
      for (final Future<List<String>> callerMisses : callersMisses) {
        misses.addAll(callerMisses.get(60, TimeUnit.SECONDS));
      }

      assertThat(misses).isEmpty();
      assertThat(
              api.get("/api/orders?shopId=" + shop + "&size=100", api.admin())
                  .body()
                  .path("total")
                  .asInt())
          .isEqualTo(callers * ordersEach);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Submits one order and reads it back right away; returns what could not be read. */
  private List<String> submitAndReadBack(final String shop, final String sku) {
    final String orderSn = TestOrders.newOrderSn();
    final Answer accepted =
        api.post("/api/orders", TestOrders.body(orderSn, shop, Map.of(sku, 1)), api.admin());
    final Answer byId = api.get("/api/orders/" + orderSn, api.admin());
    final JsonNode listed = api.get("/api/orders?shopId=" + shop + "&size=100", api.admin()).body();
    final List<String> misses = new ArrayList<>();
    if (accepted.status() != 201) {
      misses.add(orderSn + " not accepted: " + accepted.status());
    }
    if (byId.status() != 200 || !orderSn.equals(byId.body().path("orderSn").asText())) {
      misses.add(orderSn + " not readable by id: " + byId.status());
    }
    if (!listed.path("items").findValuesAsText("orderSn").contains(orderSn)) {
      misses.add(orderSn + " not in the list");
    }
    return misses;
  }

  @Test
  void anOrderNumberOfAnotherShopIsAConflict() {
    final String sku = orders.sku(5);
    final String orderSn = TestOrders.newOrderSn();
    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    final Map<String, Object> otherShop = new HashMap<>(TestOrders.body(orderSn, sku, 1));
    otherShop.put("shopId", api.ensureShop("intake-other-shop"));

    final Answer answer = api.post("/api/orders", otherShop, api.admin());

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body().path("reason").asText()).isEqualTo("order-other-shop");
  }

  @Test
  void invalidBodiesAreRefusedFieldByFieldAndNothingIsStored() {
    final String orderSn = TestOrders.newOrderSn();
    final Map<String, Object> body = new HashMap<>();
    body.put("shopId", "no-such-shop");
    body.put("orderSn", orderSn);
    body.put("payAmountFen", -1);
    body.put("items", List.of(Map.of("outerSkuId", "NO-SUCH-SKU", "quantity", 0, "priceFen", -5)));
    body.put("receiver", Map.of("phoneMask", "13812345678"));

    final Answer invalid = api.post("/api/orders", body, api.admin());
    final Answer badNumber =
        api.post(
            "/api/orders",
            "{\"orderSn\": \"" + orderSn + "\", \"payAmountFen\": \"lots\"}",
            api.admin());
    final Answer badTime =
        api.post(
            "/api/orders",
            "{\"orderSn\": \"" + orderSn + "\", \"confirmTime\": \"yesterday\"}",
            api.admin());
    final Answer notJson = api.post("/api/orders", "{orderSn", api.admin());

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(fields(invalid))
        .contains(
            "shopId",
            "confirmTime",
            "items[0].outerSkuId",
            "items[0].quantity",
            "items[0].priceFen",
            "payAmountFen",
            "receiver.phoneMask");
    assertThat(badNumber.status()).isEqualTo(400);
    assertThat(badNumber.body().path("detail").asText()).contains("payAmountFen");
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.body().path("detail").asText()).contains("confirmTime");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(api.get("/api/orders/" + orderSn, api.admin()).status()).isEqualTo(404);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbox_messages WHERE correlation_key = ?")
                .param(orderSn)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void ordersOfOtherShopsDoNotExistForTheCaller() {
    final String sku = orders.sku(5);
    final String orderSn = TestOrders.newOrderSn();
    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    final String elsewhere = api.ensureShop("orders-elsewhere");
    final Caller outsider = api.ensureUser("t-orders-outsider", List.of("OPS"), List.of(elsewhere));

    assertThat(api.get("/api/orders/" + orderSn, outsider).status()).isEqualTo(404);
    assertThat(api.get("/api/orders/" + orderSn + "/timeline", outsider).status()).isEqualTo(404);
    assertThat(
            api.post("/api/orders/" + orderSn + "/cancel", Map.of("reason", "x"), outsider)
                .status())
        .isEqualTo(404);
    assertThat(
            api.post("/api/orders", TestOrders.body(TestOrders.newOrderSn(), sku, 1), outsider)
                .status())
        .isEqualTo(404);
    final JsonNode list = api.get("/api/orders?size=200", outsider).body();
    assertThat(list.path("total").asLong()).isZero();
    assertThat(list.path("items")).isEmpty();
  }

  @Test
  void theOrderListFiltersAndPages() {
    final String sku = orders.sku(20);
    final String shop = api.ensureShop("orders-list-" + System.nanoTime());
    for (int i = 0; i < 3; i++) {
      final Map<String, Object> body =
          new HashMap<>(TestOrders.body(TestOrders.newOrderSn(), sku, 1));
      body.put("shopId", shop);
      assertThat(api.post("/api/orders", body, api.admin()).status()).isEqualTo(201);
    }

    final JsonNode firstPage =
        api.get("/api/orders?shopId=" + shop + "&size=2", api.admin()).body();
    final JsonNode secondPage =
        api.get("/api/orders?shopId=" + shop + "&size=2&page=1", api.admin()).body();
    final Answer hugePage = api.get("/api/orders?size=1000000", api.admin());
    final Answer badStatus = api.get("/api/orders?status=LOST", api.admin());

    assertThat(firstPage.path("total").asLong()).isEqualTo(3);
    assertThat(firstPage.path("items")).hasSize(2);
    assertThat(secondPage.path("items")).hasSize(1);
    assertThat(firstPage.path("items").get(0).path("lines").get(0).path("outerSkuId").asText())
        .isEqualTo(sku);
    assertThat(hugePage.status()).isEqualTo(400);
    assertThat(badStatus.status()).isEqualTo(400);
  }

  private static List<String> fields(final Answer answer) {
    final List<String> fields = new java.util.ArrayList<>();
    answer.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
