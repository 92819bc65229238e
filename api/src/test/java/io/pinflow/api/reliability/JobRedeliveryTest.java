package io.pinflow.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.RowLock;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Zeebe delivers a job at least once: a worker that made its effect and then died, or whose answer
 * from PDD or the WMS got lost, sees the same job again. The faults are real: a database connection
 * cut by the server, answers lost on their way back from the simulated platforms. Each effect
 * (stock reservation, WMS delivery order, PDD tracking upload) happens once.
 */
@PinflowIntegrationTest
class JobRedeliveryTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  /** How often the connectors retry a call themselves; past that the job fails and is retried. */
  @Value("${pinflow.connectors.redeliveries:2}")
  int redeliveries;

  @AfterEach
  void noFaults() {
    api.post(
        "/simulator/wms/behaviour", Map.of("lostAnswers", 0, "faultsFor", ""), Caller.anonymous());
    api.call(HttpMethod.DELETE, "/simulator/pdd/faults", null, Caller.anonymous());
  }

  @Test
  void aReservationCommittedBeforeTheWorkerLostItsDatabaseIsFoundByTheRedeliveredJob()
      throws SQLException {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    final RowLock orderRow;
    try (RowLock stockRow = RowLock.onStock(dataSource, sku)) {
      assertThat(api.post("/api/orders", TestOrders.body(orderSn, sku, 3), api.admin()).status())
          .isEqualTo(201);
      // the reservation waits for the stock row; meanwhile the test takes the order's row
      stockRow.awaitWaiter();
      orderRow = RowLock.onOrder(dataSource, orderSn);
    }

    try (orderRow) {
      // the reservation is committed; marking the order RESERVED waits for the order's row
      final RowLock.Waiter marking = orderRow.awaitWaiter();
      assertThat(marking.statement()).startsWith("UPDATE orders SET status = 'RESERVED'");
      assertThat(reservations(orderSn)).containsExactly(entry(sku, "3 RESERVED"));
      orderRow.cut(marking);
      final RowLock.Waiter redelivered = orderRow.awaitWaiter(marking);
      assertThat(redelivered.statement()).startsWith("UPDATE orders SET status = 'RESERVED'");
    }

    orders.awaitStatus(orderSn, "COMPLETED");
    assertThat(reservations(orderSn)).containsExactly(entry(sku, "3 CONSUMED"));
    assertThat(onHand(sku)).isEqualTo(7);
    assertThat(orders.reserved(sku)).isZero();
    assertThat(orders.timelineTypes(orderSn).stream().filter("STOCK_RESERVED"::equals)).hasSize(1);
  }

  @Test
  void aTransactionCutBeforeItsCommitLeavesNoRowsAndItsRetryReservesOnce() throws SQLException {
    final String first = orders.sku(10);
    final String second = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    final Map<String, Integer> lines = new LinkedHashMap<>();
    lines.put(first, 2);
    lines.put(second, 4);

    try (RowLock secondStock = RowLock.onStock(dataSource, second)) {
      final var accepted =
          api.post("/api/orders", TestOrders.body(orderSn, "demo-shop", lines), api.admin());
      assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
      // SKUs are reserved in id order: both reservation rows are written and the first SKU's
      // stock is taken when the second SKU's row makes the transaction wait
      final RowLock.Waiter reserving = secondStock.awaitWaiter();
      assertThat(reserving.statement()).startsWith("UPDATE stock SET reserved");
      secondStock.cut(reserving);
      final RowLock.Waiter retried = secondStock.awaitWaiter(reserving);

      assertThat(retried.statement()).startsWith("UPDATE stock SET reserved");
      assertThat(reservations(orderSn)).isEmpty();
      assertThat(orders.reserved(first)).isZero();
      assertThat(orders.reserved(second)).isZero();
    }

    orders.awaitStatus(orderSn, "COMPLETED");
    assertThat(reservations(orderSn))
        .containsOnly(entry(first, "2 CONSUMED"), entry(second, "4 CONSUMED"));
    assertThat(onHand(first)).isEqualTo(8);
    assertThat(onHand(second)).isEqualTo(6);
    assertThat(orders.reserved(first)).isZero();
    assertThat(orders.reserved(second)).isZero();
    assertThat(orders.timelineTypes(orderSn).stream().filter("STOCK_RESERVED"::equals)).hasSize(1);
  }

  @Test
  void aDeliveryOrderWhoseAnswersWereLostIsFoundByTheRetriedJob() {
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    // the warehouse gets each call, but more answers get lost than the connector retries
    api.post(
        "/simulator/wms/behaviour",
        Map.of("faultsFor", orderSn, "lostAnswers", lostAnswers()),
        Caller.anonymous());

    api.post("/api/orders", TestOrders.body(orderSn, sku, 1), api.admin());

    orders.awaitStatus(orderSn, "COMPLETED");
    final JsonNode deliveryOrders =
        api.get("/simulator/wms/outbound?orderSn=" + orderSn, Caller.anonymous()).body();
    assertThat(deliveryOrders).hasSize(1);
    assertThat(deliveryOrders.get(0).path("key").asText()).isEqualTo(orderSn);
    assertThat(deliveryOrders.get(0).path("creates").asInt()).isEqualTo(lostAnswers() + 1);
    assertThat(orders.timelineTypes(orderSn).stream().filter("SENT_TO_WMS"::equals)).hasSize(1);
    assertThat(onHand(sku)).isEqualTo(9);
  }

  @Test
  void aTrackingUploadWhoseAnswersWereLostIsNotUploadedAgain() {
    final String shop = api.ensureShop("redelivery-shop");
    final String sku = orders.sku(10);
    final String orderSn = TestOrders.newOrderSn();
    api.post(
        "/simulator/pdd/faults",
        Map.of(
            "api",
            "pdd.logistics.online.send",
            "shop_id",
            shop,
            "answerLost",
            true,
            "times",
            lostAnswers()),
        Caller.anonymous());

    api.post("/api/orders", TestOrders.body(orderSn, shop, Map.of(sku, 1)), api.admin());

    orders.awaitStatus(orderSn, "COMPLETED");
    final JsonNode uploads =
        api.get("/simulator/pdd/shipments/" + orderSn, Caller.anonymous()).body();
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).path("sent").asInt()).isEqualTo(lostAnswers() + 1);
    final List<String> timeline = orders.timelineTypes(orderSn);
    assertThat(timeline.stream().filter("SHIPPED"::equals)).hasSize(1);
    assertThat(timeline.stream().filter("TRACKING_UPLOADED"::equals)).hasSize(1);
  }

  /** More lost answers than the connector retries a call: the job itself fails at least once. */
  private int lostAnswers() {
    return redeliveries + 1;
  }

  /** The order's stock reservations: quantity and status by SKU. */
  private Map<String, String> reservations(final String orderSn) {
    return jdbc
        .sql(
            "SELECT outer_sku_id, quantity, status FROM stock_reservations"
                + " WHERE owner_type = 'ORDER' AND owner_id = :orderSn")
        .param("orderSn", orderSn)
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2) + " " + rs.getString(3)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private int onHand(final String sku) {
    return api.get("/api/inventory/" + sku, api.admin()).body().path("onHand").asInt();
  }
}
