package io.pinflow.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import io.pinflow.domain.catalog.Catalog;
import io.pinflow.domain.catalog.Catalog.SkuRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

@PinflowIntegrationTest
class PddSyncTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired Catalog catalog;

  @AfterEach
  void noFaults() {
    api.call(HttpMethod.DELETE, "/simulator/pdd/faults", null, Caller.anonymous());
  }

  @Test
  void throttlingBacksOffAndTheOrderStillArrives() {
    final String sku = orders.sku(5);
    api.post(
        "/simulator/pdd/faults",
        Map.of(
            "api",
            "pdd.order.number.list.increment.get",
            "shop_id",
            "demo-shop",
            "errorCode",
            52101,
            "times",
            3),
        Caller.anonymous());

    final String orderSn = orders.placeOnPdd(sku, 1);

    orders.awaitStatus(orderSn, "COMPLETED");
    assertThat(orders.timelineTypes(orderSn).stream().filter("ORDER_RECEIVED"::equals)).hasSize(1);
  }

  @Test
  void aSignatureMismatchStopsTheShopsSyncWithAnIncidentUntilItIsRetried() {
    final String sku = orders.sku(5);
    api.post(
        "/simulator/pdd/faults",
        Map.of(
            "api",
            "pdd.order.number.list.increment.get",
            "shop_id",
            "demo-shop",
            "errorCode",
            20004,
            "times",
            1),
        Caller.anonymous());

    final JsonNode incident = awaitOpenIncident("orders-sync:demo-shop");
    final String orderSn = orders.placeOnPdd(sku, 1);
    assertThat(incident.path("errorMessage").asText()).contains("20004");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> api.get("/api/orders/" + orderSn, api.admin()).status() == 404);

    final var retried =
        api.post(
            "/api/incidents/" + incident.path("incidentKey").asLong() + "/retry",
            null,
            api.admin());

    assertThat(retried.status()).isEqualTo(200);
    orders.awaitStatus(orderSn, "COMPLETED");
  }

  @Test
  void anOrderWithAnUnknownSkuIsKeptAsAnIncidentAndTakenInOnRetry() {
    final String sku = "LATE-SKU-" + System.nanoTime();

    final String orderSn = orders.placeOnPdd(sku, 1);

    final JsonNode incident = awaitOpenIncident(orderSn);
    assertThat(incident.path("kind").asText()).isEqualTo("MESSAGE");
    assertThat(incident.path("source").asText()).isEqualTo("pdd-order-intake");
    assertThat(incident.path("errorMessage").asText()).contains("unknown SKU");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> openIncidents(orderSn) == 1);
    catalog.upsert(List.of(new SkuRecord("LATE", sku, "Late item", 1L, null, 100L, 2500L)));
    api.call(HttpMethod.PUT, "/api/inventory/" + sku, Map.of("onHand", 3), api.admin());

    api.post(
        "/api/incidents/" + incident.path("incidentKey").asLong() + "/retry", null, api.admin());

    orders.awaitStatus(orderSn, "COMPLETED");
  }

  @Test
  void theSimulatedPlatformRefusesATamperedSignature() {
    final var params = new LinkedMultiValueMap<String, String>();
    params.add("type", "pdd.order.information.get");
    params.add("client_id", "sim-demo-shop");
    params.add("access_token", "sim-token-demo-shop");
    params.add("timestamp", Long.toString(System.currentTimeMillis() / 1000));
    params.add("data_type", "JSON");
    params.add("sign", "0123456789ABCDEF0123456789ABCDEF");

    final JsonNode answer = api.form("/simulator/pdd/router", params);

    assertThat(answer.path("error_response").path("error_code").asInt()).isEqualTo(20004);
  }

  private JsonNode awaitOpenIncident(final String businessKey) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> findIncident(businessKey), found -> found != null);
  }

  private JsonNode findIncident(final String businessKey) {
    for (final JsonNode item :
        api.get("/api/incidents?status=OPEN&size=200", api.admin()).body().path("items")) {
      if (businessKey.equals(item.path("businessKey").asText())) {
        return item;
      }
    }
    return null;
  }

  private long openIncidents(final String businessKey) {
    long count = 0;
    for (final JsonNode item :
        api.get("/api/incidents?status=OPEN&size=200", api.admin()).body().path("items")) {
      if (businessKey.equals(item.path("businessKey").asText())) {
        count++;
      }
    }
    return count;
  }
}
