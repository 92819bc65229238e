package io.pinflow.api.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.domain.catalog.Catalog;
import io.pinflow.domain.catalog.Catalog.SkuRecord;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Test helpers around orders: SKUs with stock, orders placed on PDD or the API, waiting. */
@Component
public class TestOrders {

  private static final AtomicLong SERIAL =
      new AtomicLong(
          ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 800_000_000_000_000L));

  private final TestApi api;
  private final Catalog catalog;
  private final StockLedger stock;

  public TestOrders(final TestApi api, final Catalog catalog, final StockLedger stock) {
    this.api = api;
    this.catalog = catalog;
    this.stock = stock;
  }

  public static String newOrderSn() {
    return "261124-" + SERIAL.incrementAndGet();
  }

  /** A fresh SKU with {@code onHand} in stock. */
  public String sku(final int onHand) {
    final String sku = "T-SKU-" + SERIAL.incrementAndGet();
    catalog.upsert(
        List.of(
            new SkuRecord("T-GOODS", sku, "Test item " + sku, 1001L, "one size", 1000L, 2500L)));
    stock.setOnHand(List.of(new StockDemand(sku, onHand)));
    return sku;
  }

  /**
   * A fresh SKU with {@code onHand} in stock, listed and on sale on {@code demo-shop} (price 2500
   * fen, cost 1000 fen); returns the SKU once the listing is LISTED.
   */
  public String listedSku(final int onHand) {
    final String sku = sku(onHand);
    final String goods = "T-GOODS-" + SERIAL.incrementAndGet();
    final String listingId =
        api.post(
                "/api/listings",
                Map.of(
                    "shopId",
                    "demo-shop",
                    "outerGoodsId",
                    goods,
                    "title",
                    "Test goods " + goods,
                    "categoryId",
                    1001,
                    "images",
                    List.of("https://img.example.com/" + goods + ".jpg"),
                    "skus",
                    List.of(
                        Map.of(
                            "outerSkuId",
                            sku,
                            "spec",
                            "one size",
                            "priceFen",
                            2500,
                            "quantity",
                            onHand))),
                api.admin())
            .body()
            .path("listingId")
            .asText();
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/listings/" + listingId, api.admin()).body().path("status").asText(),
            "LISTED"::equals);
    return sku;
  }

  /** The API intake body of one order of {@code quantity} x {@code sku}. */
  public static Map<String, Object> body(
      final String orderSn, final String sku, final int quantity) {
    return body(orderSn, "demo-shop", Map.of(sku, quantity));
  }

  /** The API intake body of one order of the shop: a line per SKU, 2500 fen a unit. */
  public static Map<String, Object> body(
      final String orderSn, final String shopId, final Map<String, Integer> quantities) {
    return Map.of(
        "shopId",
        shopId,
        "orderSn",
        orderSn,
        "confirmTime",
        "2026-11-24T10:00:00+08:00",
        "lastShipTime",
        "2030-11-26T10:00:00+08:00",
        "items",
        quantities.entrySet().stream()
            .map(
                line ->
                    Map.of(
                        "outerSkuId", line.getKey(), "quantity", line.getValue(), "priceFen", 2500))
            .toList(),
        "payAmountFen",
        2500L * quantities.values().stream().mapToInt(Integer::intValue).sum(),
        "receiver",
        Map.of(
            "nameMask",
            "张*",
            "phoneMask",
            "138****%04d".formatted(ThreadLocalRandom.current().nextInt(10_000)),
            "addressMask",
            "上海市****"));
  }

  /** A buyer orders on the simulated PDD; Pinflow picks it up through its sync. */
  public String placeOnPdd(final String sku, final int quantity) {
    return api.post(
            "/simulator/pdd/orders",
            Map.of(
                "shop_id",
                "demo-shop",
                "item_list",
                List.of(Map.of("outer_id", sku, "goods_count", quantity, "goods_price", "25.00"))),
            TestApi.Caller.anonymous())
        .body()
        .path("order_sn")
        .asText();
  }

  public JsonNode awaitStatus(final String orderSn, final String status) {
    return await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/orders/" + orderSn, api.admin()).body(),
            order -> order != null && status.equals(order.path("status").asText()));
  }

  public List<String> timelineTypes(final String orderSn) {
    final JsonNode entries = api.get("/api/orders/" + orderSn + "/timeline", api.admin()).body();
    final List<String> types = new java.util.ArrayList<>();
    entries.forEach(e -> types.add(e.path("type").asText()));
    return types;
  }

  public int available(final String sku) {
    return api.get("/api/inventory/" + sku, api.admin()).body().path("available").asInt();
  }

  public int reserved(final String sku) {
    return api.get("/api/inventory/" + sku, api.admin()).body().path("reserved").asInt();
  }
}
