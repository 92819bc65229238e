package io.pinflow.api.reliability;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulated WMS misbehaving over real HTTP: an answer that comes after Pinflow stopped waiting,
 * a shipment reported before the process waits for it, the same event delivered several times.
 */
@PinflowIntegrationTest
class WarehouseFaultsTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired JdbcClient jdbc;

  /** How long Pinflow waits for the WMS's answer. */
  @Value("${pinflow.wms.timeout-ms:5000}")
  long wmsTimeoutMillis;

  @AfterEach
  void normalWarehouse() {
    api.post(
        "/simulator/wms/behaviour",
        Map.of("shipDelayMs", 500, "slowCreates", 0, "webhookCopies", 1, "faultsFor", ""),
        Caller.anonymous());
  }

  @Test
  void aDeliveryOrderAnsweredTooLateIsSentAgainUnderItsKeyAndExistsOnce() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    warehouse(
        Map.of("faultsFor", orderSn, "slowCreates", 1, "slownessMs", wmsTimeoutMillis + 3_000));

    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());

    orders.awaitStatus(orderSn, "COMPLETED");
    final JsonNode deliveryOrders = deliveryOrders(orderSn);
    assertThat(deliveryOrders).hasSize(1);
    assertThat(deliveryOrders.get(0).path("key").asText()).isEqualTo(orderSn);
    assertThat(deliveryOrders.get(0).path("creates").asInt()).isEqualTo(2);
    final List<String> timeline = orders.timelineTypes(orderSn);
    assertThat(timeline.stream().filter("SENT_TO_WMS"::equals)).hasSize(1);
    assertThat(timeline.stream().filter("WMS_SHIPPED"::equals)).hasSize(1);
  }

  @Test
  void aShipmentReportedBeforeTheProcessWaitsForItIsTakenWhenItDoes() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    // the warehouse ships at once but answers the delivery order only 3 s later
    warehouse(
        Map.of("faultsFor", orderSn, "slowCreates", 1, "slownessMs", 3_000, "shipDelayMs", 0));

    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());

    orders.awaitStatus(orderSn, "COMPLETED");
    assertThat(orders.timelineTypes(orderSn))
        .containsSubsequence("WMS_SHIPPED", "SENT_TO_WMS", "SHIPPED", "TRACKING_UPLOADED")
        .containsOnlyOnce("WMS_SHIPPED", "SHIPPED");
    assertThat(deliveryOrders(orderSn).get(0).path("creates").asInt()).isEqualTo(1);
  }

  @Test
  void aShipmentReportedThreeTimesAtOnceHasOneEffect() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    warehouse(Map.of("faultsFor", orderSn, "webhookCopies", 3));

    api.post("/api/orders", TestOrders.body(orderSn, sku, 2), api.admin());

    orders.awaitStatus(orderSn, "COMPLETED");
    final JsonNode reported =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> api.get("/simulator/wms/events?orderSn=" + orderSn, Caller.anonymous()),
                events -> events.body().path(0).path("answers").size() == 3)
            .body();
    assertThat(reported).hasSize(1);
    assertThat(texts(reported.get(0).path("answers")))
        .containsExactlyInAnyOrder("ACCEPTED", "DUPLICATE", "DUPLICATE");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM wms_events WHERE order_sn = :orderSn")
                .param("orderSn", orderSn)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(orders.timelineTypes(orderSn))
        .containsOnlyOnce("WMS_SHIPPED", "SHIPPED", "TRACKING_UPLOADED");
    final JsonNode uploads =
        api.get("/simulator/pdd/shipments/" + orderSn, Caller.anonymous()).body();
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).path("sent").asInt()).isEqualTo(1);
    assertThat(api.get("/api/inventory/" + sku, api.admin()).body().path("onHand").asInt())
        .isEqualTo(8);
  }

  private void warehouse(final Map<String, Object> behaviour) {
    api.post("/simulator/wms/behaviour", behaviour, Caller.anonymous());
  }

  private JsonNode deliveryOrders(final String orderSn) {
    return api.get("/simulator/wms/outbound?orderSn=" + orderSn, Caller.anonymous()).body();
  }

  private static List<String> texts(final JsonNode array) {
    final List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
