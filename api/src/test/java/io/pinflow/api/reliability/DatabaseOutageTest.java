package io.pinflow.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import io.pinflow.embedded.database.EmbeddedMariaDb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded MariaDB stopped while orders are in flight, and started again. Jobs that need it
 * fail and back off; a short outage is ridden out by their retries, a long one turns them into
 * incidents that are retried through the API; events and requests that arrive meanwhile are refused
 * and come again. Every order completes with each of its effects once.
 *
 * <p>Slow (a 30-second outage): tagged {@code reliability}, run by {@code ./mvnw -Preliability
 * verify}.
 */
@Tag("reliability")
@PinflowIntegrationTest
@TestPropertySource(
    properties = {
      // a database call gives up after 2 s without a connection (default 30 s): jobs fail and
      // back off within the outage instead of waiting it out
      "spring.datasource.hikari.connection-timeout=2000",
      // the warehouse answers slowly on purpose; Pinflow waits for it
      "pinflow.wms.timeout-ms=20000"
    })
class DatabaseOutageTest {

  private static final Duration LONG_OUTAGE = Duration.ofSeconds(30);

  /** Shorter than a job's five attempts take (2 s each without a connection, 3 s of back-off). */
  private static final Duration SHORT_OUTAGE = Duration.ofSeconds(8);

  /**
   * How late the warehouse answers a delivery order in flight when the database goes: the answer
   * comes once the database is down.
   */
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(4);

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired EmbeddedMariaDb database;

  @AfterEach
  void normalWarehouse() {
    warehouse(Map.of("shipDelayMs", 500, "slowCreates", 0, "faultsFor", ""));
  }

  @Test
  void thirtySecondsWithoutTheDatabaseLoseNothing() {
    final String sku = orders.sku(20);
    warehouse(Map.of("shipDelayMs", 600_000));
    // one order waits for its shipment, one has its delivery order at the warehouse, unanswered
    final String waiting = submit(sku);
    orders.awaitStatus(waiting, "SENT_TO_WMS");
    final String inFlight = TestOrders.newOrderSn();
    warehouse(
        Map.of("faultsFor", inFlight, "slowCreates", 1, "slownessMs", SLOW_ANSWER.toMillis()));
    api.post("/api/orders", TestOrders.body(inFlight, sku, 1), api.admin());
    await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOrders(inFlight).size() == 1);
    final String refused = TestOrders.newOrderSn();

    final Answer duringOutage;
    final Instant down = stopDatabase();
    try {
      duringOutage = api.post("/api/orders", TestOrders.body(refused, sku, 1), api.admin());
      keepDownUntil(down.plus(LONG_OUTAGE.minusSeconds(10)));
      // the warehouse ships: its webhook is refused and it tries again later
      api.post("/simulator/wms/outbound/" + waiting + "/ship", null, Caller.anonymous());
      keepDownUntil(down.plus(LONG_OUTAGE));
    } finally {
      database.start();
    }

    assertThat(duringOutage.status()).as(duringOutage.raw()).isEqualTo(503);
    assertThat(duringOutage.headers().getFirst("Retry-After")).isEqualTo("1");
    final JsonNode incident = awaitOpenIncident(inFlight);
    assertThat(incident.path("jobType").asText()).isEqualTo("pinflow.order.send-to-wms");
    assertThat(incident.path("errorMessage").asText()).contains("JDBC Connection");
    assertThat(
            api.post(
                    "/api/incidents/" + incident.path("incidentKey").asLong() + "/retry",
                    null,
                    api.admin())
                .status())
        .isEqualTo(200);
    orders.awaitStatus(inFlight, "SENT_TO_WMS");
    api.post("/simulator/wms/outbound/" + inFlight + "/ship", null, Caller.anonymous());
    assertThat(api.get("/api/orders/" + refused, api.admin()).status()).isEqualTo(404);
    warehouse(Map.of("shipDelayMs", 500));
    final String resubmitted = submit(sku, refused);

    for (final String orderSn : List.of(waiting, inFlight, resubmitted)) {
      awaitCompleted(orderSn);
      assertThat(deliveryOrders(orderSn)).hasSize(1);
      assertOnce(orderSn);
    }
    assertThat(deliveryOrders(inFlight).get(0).path("creates").asInt()).isEqualTo(2);
    assertThat(onHand(sku)).isEqualTo(17);
  }

  @Test
  void aShortOutageIsRiddenOutByTheJobRetries() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    warehouse(Map.of("faultsFor", orderSn, "slowCreates", 1, "slownessMs", SLOW_ANSWER.toMillis()));
    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOrders(orderSn).size() == 1);

    final Instant down = stopDatabase();
    try {
      keepDownUntil(down.plus(SHORT_OUTAGE));
    } finally {
      database.start();
    }

    awaitCompleted(orderSn);
    // the job failed while the database was away and its retry found the delivery order
    assertThat(deliveryOrders(orderSn)).hasSize(1);
    assertThat(deliveryOrders(orderSn).get(0).path("creates").asInt()).isEqualTo(2);
    assertOnce(orderSn);
    assertThat(openIncidents(orderSn)).isEmpty();
  }

  private Instant stopDatabase() {
    database.stop();
    return Instant.now();
  }

  /** The outage itself: the database stays away until then, whatever happens meanwhile. */
  private static void keepDownUntil(final Instant until) {
    final Duration left = Duration.between(Instant.now(), until);
    if (!left.isNegative()) {
      try {
        Thread.sleep(left);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during the outage", e);
      }
    }
  }

  private String submit(final String sku) {
    return submit(sku, TestOrders.newOrderSn());
  }

  private String submit(final String sku, final String orderSn) {
    assertThat(api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin()).status())
        .isEqualTo(201);
    return orderSn;
  }

  private void awaitCompleted(final String orderSn) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> api.get("/api/orders/" + orderSn, api.admin()).body().path("status").asText(),
            "COMPLETED"::equals);
  }

  private void assertOnce(final String orderSn) {
    assertThat(orders.timelineTypes(orderSn))
        .containsOnlyOnce(
            "ORDER_RECEIVED",
            "STOCK_RESERVED",
            "SENT_TO_WMS",
            "WMS_SHIPPED",
            "SHIPPED",
            "TRACKING_UPLOADED");
    assertThat(api.get("/simulator/pdd/shipments/" + orderSn, Caller.anonymous()).body())
        .hasSize(1);
  }

  private JsonNode awaitOpenIncident(final String businessKey) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> openIncidents(businessKey), found -> !found.isEmpty())
        .getFirst();
  }

  private List<JsonNode> openIncidents(final String businessKey) {
    final List<JsonNode> found = new java.util.ArrayList<>();
    for (final JsonNode item :
        api.get("/api/incidents?status=OPEN&size=200", api.admin()).body().path("items")) {
      if (businessKey.equals(item.path("businessKey").asText())) {
        found.add(item);
      }
    }
    return found;
  }

  private JsonNode deliveryOrders(final String orderSn) {
    return api.get("/simulator/wms/outbound?orderSn=" + orderSn, Caller.anonymous()).body();
  }

  private int onHand(final String sku) {
    return api.get("/api/inventory/" + sku, api.admin()).body().path("onHand").asInt();
  }

  private void warehouse(final Map<String, Object> behaviour) {
    api.post("/simulator/wms/behaviour", behaviour, Caller.anonymous());
  }
}
