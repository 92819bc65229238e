package io.pinflow.api.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import io.pinflow.connectors.pdd.PddClient;
import io.pinflow.connectors.pdd.PddOrders;
import io.pinflow.connectors.simulator.PddAfterSalesSimulator;
import io.pinflow.connectors.simulator.PddSimulator;
import io.pinflow.connectors.simulator.WmsSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The simulated PDD and WMS keep only recent records in memory and read the others back from their
 * table: an order that left memory is answered, changed and reported as before.
 */
@PinflowIntegrationTest
class SimulatorMemoryTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired PddSimulator pdd;
  @Autowired PddAfterSalesSimulator afterSales;
  @Autowired WmsSimulator wms;
  @Autowired PddClient pddClient;

  @Test
  void anOrderThatLeftMemoryIsAnsweredFromTheTable() {
    final String orderSn = orders.placeOnPdd(orders.sku(5), 1);
    orders.awaitStatus(orderSn, "COMPLETED");
    final JsonNode before = api.get("/simulator/pdd/orders/" + orderSn, Caller.anonymous()).body();

    assertThat(pdd.evictIdle(Duration.ZERO)).isPositive();
    wms.evictIdle(Duration.ZERO);
    assertThat(pdd.inMemory(orderSn)).isFalse();
    assertThat(wms.inMemory(orderSn)).isFalse();

    // the increment reaching back before what memory holds reads the table
    final long changed = PddOrders.time(before, "updated_at").getEpochSecond();
    final JsonNode increment =
        pddClient.call(
            "demo-shop",
            "pdd.order.number.list.increment.get",
            Map.of(
                "start_updated_at", Long.toString(changed - 60),
                "end_updated_at", Long.toString(changed),
                "page", "1",
                "page_size", "100",
                "order_status", "5",
                "refund_status", "5"));
    final List<String> listed = new ArrayList<>();
    increment.path("order_sn_list").forEach(order -> listed.add(order.path("order_sn").asText()));
    assertThat(listed).contains(orderSn);

    final JsonNode after = api.get("/simulator/pdd/orders/" + orderSn, Caller.anonymous()).body();
    assertThat(after).isEqualTo(before);
    assertThat(after.path("order_status").asInt()).isEqualTo(3);
    final JsonNode uploads =
        api.get("/simulator/pdd/shipments/" + orderSn, Caller.anonymous()).body();
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).path("tracking_number").asText())
        .isEqualTo(after.path("tracking_number").asText());
    assertThat(uploads.get(0).path("sent").asInt()).isEqualTo(1);
    final JsonNode delivery =
        api.get("/simulator/wms/outbound/" + orderSn, Caller.anonymous()).body();
    assertThat(delivery.path("status").asText()).isEqualTo("SHIPPED");
    assertThat(delivery.path("trackingNumber").asText())
        .isEqualTo(after.path("tracking_number").asText());
    wms.evictIdle(Duration.ZERO);
    assertThat(api.get("/simulator/wms/outbound?orderSn=" + orderSn, Caller.anonymous()).body())
        .hasSize(1);
  }

  @Test
  void anAfterSalesCaseRunsToItsEndWhileItsRecordsComeAndGo() throws InterruptedException {
    final String orderSn = orders.placeOnPdd(orders.sku(5), 1);
    orders.awaitStatus(orderSn, "COMPLETED");
    pdd.evictIdle(Duration.ZERO);
    assertThat(pdd.inMemory(orderSn)).isFalse();

    final JsonNode opened =
        api.post(
                "/simulator/pdd/after-sales",
                Map.of(
                    "order_sn",
                    orderSn,
                    "after_sales_type",
                    1,
                    "refund_amount",
                    100,
                    "after_sales_reason",
                    "质量问题"),
                Caller.anonymous())
            .body();
    final String id = opened.path("id").asText();
    assertThat(opened.path("order_sn").asText()).isEqualTo(orderSn);

    // the platform's records leave memory all the time while the case runs
    final Evictor evictor =
        new Evictor(
            () -> afterSales.evictIdle(Duration.ZERO) + pdd.evictIdle(Duration.ZERO),
            Duration.ofMillis(20));
    try (evictor) {
      final Caller cs = api.userWithRole("CUSTOMER_SERVICE");
      final JsonNode task = api.awaitTask(cs, id, "Review after-sales request");
      assertThat(
              api.post(
                      "/api/tasks/" + task.path("taskId").asText() + "/complete",
                      Map.of("variables", Map.of("decision", "APPROVE")),
                      cs)
                  .status())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> api.get("/api/after-sales/" + id, api.admin()).body(),
              c -> c != null && "REFUNDED".equals(c.path("status").asText()));
    }

    assertThat(evictor.evicted()).isPositive();
    afterSales.evictIdle(Duration.ZERO);
    assertThat(afterSales.inMemory(id)).isFalse();
    final JsonNode refunded =
        api.get("/simulator/pdd/after-sales/" + id, Caller.anonymous()).body();
    assertThat(refunded.path("after_sales_status").asInt()).isEqualTo(10);
    assertThat(refunded.path("order_sn").asText()).isEqualTo(orderSn);
  }

  @Test
  void aChangeMadeWhileTheOrderLeavesMemoryIsKept() throws InterruptedException {
    final String orderSn = orders.placeOnPdd(orders.sku(5), 1);
    orders.awaitStatus(orderSn, "COMPLETED");
    final int changes = 200;
    final Evictor evictor = new Evictor(() -> pdd.evictIdle(Duration.ZERO), Duration.ZERO);
    try (evictor) {
      for (int i = 1; i <= changes; i++) {
        final TestApi.Answer answer =
            api.post(
                "/simulator/pdd/orders/" + orderSn + "/update",
                Map.of("order_tag_list", List.of(Map.of("name", "change", "value", i))),
                Caller.anonymous());
        assertThat(answer.status()).isEqualTo(200);
      }
    }

    assertThat(evictor.evicted()).isPositive();
    pdd.evictIdle(Duration.ZERO);
    final JsonNode order = api.get("/simulator/pdd/orders/" + orderSn, Caller.anonymous()).body();
    assertThat(order.path("order_tag_list").get(0).path("value").asInt()).isEqualTo(changes);
    assertThat(order.path("order_status").asInt()).isEqualTo(3);
  }

  /** A thread that lets records leave memory over and over, with a pause between rounds. */
  private static final class Evictor implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger evicted = new AtomicInteger();
    private final Thread thread;

    Evictor(final IntSupplier evictRound, final Duration pause) {
      thread =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get()) {
                      evicted.addAndGet(evictRound.getAsInt());
                      LockSupport.parkNanos(pause.toNanos());
                    }
                  });
    }

    int evicted() {
      return evicted.get();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
