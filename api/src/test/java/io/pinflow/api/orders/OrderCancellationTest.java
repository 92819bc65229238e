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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PinflowIntegrationTest
class OrderCancellationTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;

  @AfterEach
  void normalWarehouse() {
    api.post(
        "/simulator/wms/behaviour",
        Map.of("shipDelayMs", 500, "webhookDelayMs", 0),
        Caller.anonymous());
  }

  private void slowWarehouse() {
    api.post("/simulator/wms/behaviour", Map.of("shipDelayMs", 120_000), Caller.anonymous());
  }

  @Test
  void aCancellationBeforeShipmentCancelsTheWarehouseOrderAndReleasesTheStock() {
    slowWarehouse();
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    api.post("/api/orders", TestOrders.body(orderSn, sku, 3), api.admin());
    orders.awaitStatus(orderSn, "SENT_TO_WMS");
    assertThat(orders.reserved(sku)).isEqualTo(3);

    final Answer cancelled =
        api.post(
            "/api/orders/" + orderSn + "/cancel",
            Map.of("reason", "buyer changed mind"),
            api.admin());
    final Answer again =
        api.post("/api/orders/" + orderSn + "/cancel", Map.of("reason", "twice"), api.admin());

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(again.status()).isEqualTo(200);
    final JsonNode order = orders.awaitStatus(orderSn, "CANCELLED");
    assertThat(order.path("cancelReason").asText()).isEqualTo("buyer changed mind");
    assertThat(
            api.get("/simulator/wms/outbound/" + orderSn, Caller.anonymous())
                .body()
                .path("status")
                .asText())
        .isEqualTo("CANCELLED");
    assertThat(orders.reserved(sku)).isZero();
    assertThat(orders.available(sku)).isEqualTo(10);
    assertThat(orders.timelineTypes(orderSn))
        .containsSubsequence("SENT_TO_WMS", "CANCEL_REQUESTED", "WMS_ORDER_CANCELLED", "CANCELLED")
        .doesNotContain("SHIPPED");
    assertThat(api.get("/api/audit?action=order.cancel&size=5", api.admin()).body().toString())
        .contains(orderSn);
  }

  @Test
  void aCancellationAfterShipmentIsRefused() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    orders.awaitStatus(orderSn, "COMPLETED");

    final Answer refused =
        api.post("/api/orders/" + orderSn + "/cancel", Map.of("reason", "late"), api.admin());

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("reason").asText()).isEqualTo("order-shipped");
    assertThat(orders.timelineTypes(orderSn)).doesNotContain("CANCEL_REQUESTED");
  }

  @Test
  void aCancellationTheWarehouseOvertookIsRefusedAndTheOrderGoesOn() {
    slowWarehouse();
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    orders.awaitStatus(orderSn, "SENT_TO_WMS");
    api.post("/simulator/wms/behaviour", Map.of("webhookDelayMs", 2_000), Caller.anonymous());
    api.post("/simulator/wms/outbound/" + orderSn + "/ship", null, Caller.anonymous());

    final Answer refused =
        api.post("/api/orders/" + orderSn + "/cancel", Map.of("reason", "too late"), api.admin());

    assertThat(refused.status()).isEqualTo(409);
    orders.awaitStatus(orderSn, "COMPLETED");
    assertThat(orders.timelineTypes(orderSn))
        .containsSubsequence(
            "CANCEL_REQUESTED", "CANCEL_REFUSED", "WMS_SHIPPED", "SHIPPED", "COMPLETED")
        .doesNotContain("CANCELLED");
    assertThat(orders.reserved(sku)).isZero();
    assertThat(orders.available(sku)).isEqualTo(9);
  }

  @Test
  void aShortOrderWaitsForStockThroughOpsAndShipsWhenItArrives() {
    final String sku = orders.sku(1);
    final String orderSn = TestOrders.newOrderSn();
    final Caller ops = api.userWithRole("OPS");
    api.post("/api/orders", TestOrders.body(orderSn, sku, 3), api.admin());
    orders.awaitStatus(orderSn, "AWAITING_STOCK");

    final JsonNode task = api.awaitTask(ops, orderSn, "Resolve stock shortage");
    assertThat(task.path("variables").path("shortageSummary").asText())
        .contains(sku)
        .contains("need 3, available 1");
    final Answer decided =
        api.post(
            "/api/tasks/" + task.path("taskId").asText() + "/complete",
            Map.of("variables", Map.of("decision", "WAIT_FOR_STOCK")),
            ops);
    assertThat(decided.status()).isEqualTo(200);
    api.call(
        org.springframework.http.HttpMethod.PUT,
        "/api/inventory/" + sku,
        Map.of("onHand", 5),
        api.admin());

    orders.awaitStatus(orderSn, "COMPLETED");
    assertThat(orders.timelineTypes(orderSn))
        .containsSubsequence(
            "STOCK_SHORTAGE", "TASK_COMPLETED", "STOCK_RESERVED", "SENT_TO_WMS", "COMPLETED");
    assertThat(orders.available(sku)).isEqualTo(2);
  }

  @Test
  void opsCanCancelAShortOrderAndItsTaskDisappears() {
    final String sku = orders.sku(0);
    final String orderSn = TestOrders.newOrderSn();
    final Caller ops = api.userWithRole("OPS");
    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    final JsonNode task = api.awaitTask(ops, orderSn, "Resolve stock shortage");

    final Answer cancelled =
        api.post("/api/orders/" + orderSn + "/cancel", Map.of("reason", "no stock coming"), ops);

    assertThat(cancelled.status()).isEqualTo(200);
    orders.awaitStatus(orderSn, "CANCELLED");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get("/api/tasks/" + task.path("taskId").asText(), ops)
                    .body()
                    .path("status")
                    .asText()
                    .equals("CANCELED"));
  }
}
