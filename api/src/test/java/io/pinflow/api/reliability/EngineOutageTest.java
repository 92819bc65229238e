package io.pinflow.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.embedded.engine.EmbeddedEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine out of reach: its gateway refuses connections while Pinflow goes on. Orders are taken
 * in regardless, stored with their start message in the outbox, and their process starts once, when
 * the engine is back.
 */
@PinflowIntegrationTest
class EngineOutageTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired EmbeddedEngine engine;
  @Autowired Outbox outbox;
  @Autowired JdbcClient jdbc;

  @Test
  void anOrderTakenInWhileTheEngineIsDownStartsItsProcessOnceItIsBack() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();

    engine.closeGateway();
    try {
      final Answer accepted =
          api.post("/api/orders", TestOrders.body(orderSn, sku, 2), api.admin());
      final Answer again = api.post("/api/orders", TestOrders.body(orderSn, sku, 2), api.admin());

      assertThat(accepted.status()).isEqualTo(201);
      assertThat(again.status()).isEqualTo(200);
      assertThat(api.get("/api/orders/" + orderSn, api.admin()).body().path("status").asText())
          .isEqualTo("RECEIVED");
      // the dispatcher tries again and again; the one start message waits in the outbox
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> startMessageAttempts(orderSn),
              attempts -> attempts.size() == 1 && attempts.getFirst() >= 2);
    } finally {
      engine.openGateway();
    }

    orders.awaitStatus(orderSn, "COMPLETED");
    assertThat(startMessageAttempts(orderSn)).isEmpty();
    assertThat(deliveryOrderCreates(orderSn)).isEqualTo(1);
    final List<String> timeline = orders.timelineTypes(orderSn);
    assertThat(timeline.stream().filter("ORDER_RECEIVED"::equals)).hasSize(1);
    assertThat(timeline.stream().filter("STOCK_RESERVED"::equals)).hasSize(1);
    assertThat(orders.available(sku)).isEqualTo(8);
  }

  @Test
  void aStartMessageTheEngineHasAlreadyLeavesTheOutboxWithoutASecondProcess() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());
    orders.awaitStatus(orderSn, "COMPLETED");

    // as when the engine took the message but the answer, or the removal of its row, got lost
    final boolean stored =
        outbox.add(
            new OutboxMessage(
                MessageNames.ORDER_RECEIVED,
                orderSn,
                MessageNames.ORDER_RECEIVED + ":" + orderSn,
                Map.of("orderSn", orderSn, "businessKey", orderSn, "shopId", "demo-shop"),
                Duration.ofHours(1)));

    assertThat(stored).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> startMessageAttempts(orderSn), List::isEmpty);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> deliveryOrderCreates(orderSn) == 1);
    assertThat(orders.timelineTypes(orderSn).stream().filter("STOCK_RESERVED"::equals)).hasSize(1);
  }

  /** The publication attempts of the order's start message still in the outbox. */
  private List<Integer> startMessageAttempts(final String orderSn) {
    return jdbc.sql(
            "SELECT attempts FROM outbox_messages WHERE message_name = :name"
                + " AND correlation_key = :orderSn")
        .param("name", MessageNames.ORDER_RECEIVED)
        .param("orderSn", orderSn)
        .query(Integer.class)
        .list();
  }

  private int deliveryOrderCreates(final String orderSn) {
    return api
        .get("/simulator/wms/outbound?orderSn=" + orderSn, Caller.anonymous())
        .body()
        .findValues("creates")
        .stream()
        .mapToInt(JsonNode::asInt)
        .sum();
  }
}
