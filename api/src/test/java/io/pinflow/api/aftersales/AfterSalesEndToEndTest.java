package io.pinflow.api.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import io.pinflow.connectors.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** After-sales cases through real HTTP to the simulated PDD and WMS. */
@PinflowIntegrationTest
class AfterSalesEndToEndTest {

  private static final AtomicLong SERIAL =
      new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @Autowired SimulatorSettings simulator;

  @AfterEach
  void normalWarehouse() {
    api.post(
        "/simulator/wms/behaviour",
        Map.of("shipDelayMs", 500, "inspection", "OK"),
        Caller.anonymous());
    simulator.returnDelay(Duration.ofMillis(500));
  }

  @Test
  void aRefundOfAnUnshippedOrderCancelsTheShipmentAndReleasesStockOnce() {
    api.post("/simulator/wms/behaviour", Map.of("shipDelayMs", 120_000), Caller.anonymous());
    final String sku = orders.sku(10);
    final String orderSn = orders.placeOnPdd(sku, 2);
    orders.awaitStatus(orderSn, "SENT_TO_WMS");

    final String afterSalesId = openOnPdd(orderSn, 1, 5_000, "不想要了");

    final JsonNode refunded = awaitStatus(afterSalesId, "REFUNDED");
    assertThat(refunded.path("decision").asText()).isEqualTo("AUTO_APPROVE");
    assertThat(refunded.path("source").asText()).isEqualTo("PDD_SYNC");
    assertThat(refunded.path("reason").asText()).isEqualTo("CHANGED_MIND");
    assertThat(refunded.path("refundedAmountFen").asLong()).isEqualTo(5_000);
    orders.awaitStatus(orderSn, "CANCELLED");
    assertThat(
            api.get("/simulator/wms/outbound/" + orderSn, Caller.anonymous())
                .body()
                .path("status")
                .asText())
        .isEqualTo("CANCELLED");
    assertThat(orders.reserved(sku)).isZero();
    assertThat(orders.available(sku)).isEqualTo(10);
    final List<String> timeline = orders.timelineTypes(orderSn);
    assertThat(timeline.stream().filter("WMS_ORDER_CANCELLED"::equals)).hasSize(1);
    assertThat(timeline.stream().filter("CANCELLED"::equals)).hasSize(1);
    assertThat(timeline)
        .containsSubsequence(
            "AFTER_SALES_OPENED",
            "AFTER_SALES_DECISION",
            "CANCEL_REQUESTED",
            "CANCELLED",
            "REFUNDED");
    assertThat(
            api.get("/simulator/pdd/after-sales/" + afterSalesId, Caller.anonymous())
                .body()
                .path("after_sales_status")
                .asInt())
        .isEqualTo(10);
  }

  @Test
  void aRefundOfAShippedOrderIsReviewedByCustomerServiceThenRefunded() {
    final String sku = orders.sku(10);
    final String orderSn = orders.placeOnPdd(sku, 1);
    orders.awaitStatus(orderSn, "COMPLETED");
    final Caller cs = api.userWithRole("CUSTOMER_SERVICE");

    final String afterSalesId = openOnPdd(orderSn, 1, 2_500, "质量问题");

    final JsonNode task = api.awaitTask(cs, afterSalesId, "Review after-sales request");
    assertThat(task.path("formFields").toString()).contains("APPROVE", "REJECT");
    assertThat(
            api.post(
                    "/api/tasks/" + task.path("taskId").asText() + "/complete",
                    Map.of("variables", Map.of("decision", "APPROVE")),
                    cs)
                .status())
        .isEqualTo(200);
    final JsonNode refunded = awaitStatus(afterSalesId, "REFUNDED");
    assertThat(refunded.path("decision").asText()).isEqualTo("REVIEW");
    assertThat(refunded.path("decisionRule").asText())
        .isEqualTo("refund without return after shipment");
    assertThat(orders.timelineTypes(orderSn))
        .containsSubsequence("AFTER_SALES_OPENED", "TASK_COMPLETED", "REFUNDED");
    assertThat(orders.available(sku)).isEqualTo(9);
  }

  @Test
  void aReturnThatPassesInspectionIsRestockedAndRefunded() {
    final String sku = orders.sku(10);
    final String orderSn = apiOrder(sku, 2);
    final String afterSalesId = "AS-" + SERIAL.incrementAndGet();

    final Answer opened =
        openOnApi(afterSalesId, orderSn, "RETURN_REFUND", 5_000, "NOT_AS_DESCRIBED");

    assertThat(opened.status()).isEqualTo(201);
    final JsonNode refunded = awaitStatus(afterSalesId, "REFUNDED");
    assertThat(refunded.path("inspection").asText()).isEqualTo("RESTOCKED");
    assertThat(api.get("/api/inventory/" + sku, api.admin()).body().path("onHand").asInt())
        .isEqualTo(10);
    assertThat(timeline(afterSalesId))
        .containsSubsequence(
            "AFTER_SALES_OPENED", "RETURN_AGREED", "RETURN_RECEIVED", "RESTOCKED", "REFUNDED");
  }

  @Test
  void aDamagedReturnGoesToTheCustomerServiceLeadForAPartialRefund() {
    final String sku = orders.sku(10);
    final String orderSn = apiOrder(sku, 2);
    final String afterSalesId = "AS-" + SERIAL.incrementAndGet();
    api.post(
        "/simulator/wms/behaviour",
        Map.of("afterSalesId", afterSalesId, "inspection", "DAMAGED"),
        Caller.anonymous());
    final Caller lead = api.userWithRole("CUSTOMER_SERVICE_LEAD");

    openOnApi(afterSalesId, orderSn, "RETURN_REFUND", 5_000, "QUALITY");

    final JsonNode task = api.awaitTask(lead, afterSalesId, "Decide on damaged return");
    final String complete = "/api/tasks/" + task.path("taskId").asText() + "/complete";
    final Answer missingAmount =
        api.post(complete, Map.of("variables", Map.of("decision", "PARTIAL_REFUND")), lead);
    assertThat(missingAmount.status()).isEqualTo(400);
    assertThat(missingAmount.body().path("errors").toString()).contains("partialRefundFen");
    assertThat(
            api.post(
                    complete,
                    Map.of(
                        "variables",
                        Map.of("decision", "PARTIAL_REFUND", "partialRefundFen", 2_000)),
                    lead)
                .status())
        .isEqualTo(200);
    final JsonNode refunded = awaitStatus(afterSalesId, "REFUNDED");
    assertThat(refunded.path("refundedAmountFen").asLong()).isEqualTo(2_000);
    assertThat(refunded.path("inspection").asText()).isEqualTo("DAMAGED");
    assertThat(api.get("/api/inventory/" + sku, api.admin()).body().path("onHand").asInt())
        .isEqualTo(8);
  }

  @Test
  void twoOpenCasesOnOneOrderEachTakeTheirOwnReturnParcel() {
    final String sku = orders.sku(10);
    final String orderSn = apiOrder(sku, 2);
    final String damaged = "AS-" + SERIAL.incrementAndGet();
    final String intact = "AS-" + SERIAL.incrementAndGet();
    final Caller lead = api.userWithRole("CUSTOMER_SERVICE_LEAD");
    // both parcels take long enough to arrive that both cases wait for theirs at the same time
    simulator.returnDelay(Duration.ofSeconds(5));
    api.post(
        "/simulator/wms/behaviour",
        Map.of("afterSalesId", damaged, "inspection", "DAMAGED"),
        Caller.anonymous());

    openOnApi(damaged, orderSn, "RETURN_REFUND", 2_500, "QUALITY");
    openOnApi(intact, orderSn, "RETURN_REFUND", 2_500, "QUALITY");

    awaitStatus(damaged, "AWAITING_RETURN");
    awaitStatus(intact, "AWAITING_RETURN");
    final JsonNode refunded = awaitStatus(intact, "REFUNDED");
    assertThat(refunded.path("inspection").asText()).isEqualTo("RESTOCKED");
    assertThat(refunded.path("refundedAmountFen").asLong()).isEqualTo(2_500);
    api.awaitTask(lead, damaged, "Decide on damaged return");
    final JsonNode inspecting = api.get("/api/after-sales/" + damaged, api.admin()).body();
    assertThat(inspecting.path("status").asText()).isEqualTo("INSPECTING");
    assertThat(inspecting.path("inspection").asText()).isEqualTo("DAMAGED");
    assertThat(timeline(intact)).containsOnlyOnce("RETURN_RECEIVED", "REFUNDED");
    assertThat(timeline(damaged)).containsOnlyOnce("RETURN_RECEIVED").doesNotContain("RESTOCKED");
    // the intact parcel put the order's goods back once, the damaged one nothing
    assertThat(api.get("/api/inventory/" + sku, api.admin()).body().path("onHand").asInt())
        .isEqualTo(10);
  }

  @Test
  void anExchangeShipsAReplacementAndUploadsItsTracking() {
    final String sku = orders.sku(10);
    final String orderSn = apiOrder(sku, 1);
    final String afterSalesId = "AS-" + SERIAL.incrementAndGet();

    openOnApi(afterSalesId, orderSn, "EXCHANGE", 2_500, "WRONG_ITEM");

    final JsonNode reshipped = awaitStatus(afterSalesId, "RESHIPPED");
    final JsonNode replacement =
        api.get("/simulator/wms/outbound/replacement-" + afterSalesId, Caller.anonymous()).body();
    assertThat(replacement.path("status").asText()).isEqualTo("SHIPPED");
    assertThat(reshipped.path("replacementTracking").asText())
        .isEqualTo(replacement.path("trackingNumber").asText());
    assertThat(orders.available(sku)).isEqualTo(8);
    assertThat(orders.reserved(sku)).isZero();
  }

  @Test
  void theSameCaseFromTheApiAndThePlatformIsOneCaseWithOneProcess() {
    final String sku = orders.sku(10);
    final String orderSn = orders.placeOnPdd(sku, 1);
    orders.awaitStatus(orderSn, "COMPLETED");
    final String afterSalesId = "AS-" + SERIAL.incrementAndGet();

    final Answer first = openOnApi(afterSalesId, orderSn, "RETURN_REFUND", 2_500, "QUALITY");
    final Answer again = openOnApi(afterSalesId, orderSn, "RETURN_REFUND", 2_500, "QUALITY");
    api.post(
        "/simulator/pdd/after-sales",
        Map.of(
            "id",
            afterSalesId,
            "order_sn",
            orderSn,
            "after_sales_type",
            2,
            "refund_amount",
            2_500,
            "after_sales_reason",
            "质量问题"),
        Caller.anonymous());

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    awaitStatus(afterSalesId, "REFUNDED");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> timeline(afterSalesId).stream().filter("REFUNDED"::equals).count() == 1);
    assertThat(timeline(afterSalesId).stream().filter("AFTER_SALES_OPENED"::equals)).hasSize(1);
    assertThat(timeline(afterSalesId).stream().filter("RETURN_AGREED"::equals)).hasSize(1);
  }

  @Test
  void aRequestTheBuyerWithdrawsWhileItAwaitsReviewClosesOnceAndItsTaskGoes() {
    final String sku = orders.sku(10);
    final String orderSn = orders.placeOnPdd(sku, 1);
    orders.awaitStatus(orderSn, "COMPLETED");
    final Caller cs = api.userWithRole("CUSTOMER_SERVICE");
    final String afterSalesId = openOnPdd(orderSn, 1, 2_500, "质量问题");
    api.awaitTask(cs, afterSalesId, "Review after-sales request");

    assertThat(
            api.post(
                    "/simulator/pdd/after-sales/" + afterSalesId + "/withdraw",
                    Map.of(),
                    Caller.anonymous())
                .status())
        .isEqualTo(200);

    final JsonNode closed = awaitStatus(afterSalesId, "CLOSED");
    assertThat(closed.path("outcome").asText()).isEqualTo("WITHDRAWN");
    assertThat(closed.path("refundedAmountFen").isNull()).isTrue();
    assertThat(closed.path("withdrawnAt").asText()).isNotBlank();
    // the platform's increment lists the withdrawn request again on later rounds: nothing changes
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(
            () ->
                timeline(afterSalesId).stream().filter("WITHDRAWN_BY_BUYER"::equals).count() == 1
                    && api.get("/api/tasks?businessKey=" + afterSalesId, cs)
                        .body()
                        .path("items")
                        .isEmpty());
    assertThat(timeline(afterSalesId))
        .containsSubsequence("AFTER_SALES_OPENED", "WITHDRAWN_BY_BUYER", "AFTER_SALES_CLOSED")
        .doesNotContain("REFUNDED");
    assertThat(
            api.get("/simulator/pdd/after-sales/" + afterSalesId, Caller.anonymous())
                .body()
                .path("after_sales_status")
                .asInt())
        .isEqualTo(11);
  }

  @Test
  void invalidRequestsAreRefusedFieldByField() {
    final Answer invalid =
        api.post(
            "/api/after-sales",
            Map.of(
                "afterSalesId",
                "bad id!",
                "orderSn",
                "261124-000000000000000",
                "type",
                "GIFT",
                "refundAmountFen",
                -1),
            api.admin());

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().path("errors").toString())
        .contains("afterSalesId", "type", "reason", "orderSn", "refundAmountFen");
  }

  private String apiOrder(final String sku, final int quantity) {
    final String orderSn = TestOrders.newOrderSn();
    api.post("/api/orders", TestOrders.body(orderSn, sku, quantity), api.admin());
    orders.awaitStatus(orderSn, "COMPLETED");
    return orderSn;
  }

  private Answer openOnApi(
      final String afterSalesId,
      final String orderSn,
      final String type,
      final long amount,
      final String reason) {
    return api.post(
        "/api/after-sales",
        Map.of(
            "shopId", "demo-shop",
            "afterSalesId", afterSalesId,
            "orderSn", orderSn,
            "type", type,
            "reason", reason,
            "refundAmountFen", amount),
        api.admin());
  }

  private String openOnPdd(
      final String orderSn, final int type, final long amount, final String reason) {
    return api.post(
            "/simulator/pdd/after-sales",
            Map.of(
                "order_sn",
                orderSn,
                "after_sales_type",
                type,
                "refund_amount",
                amount,
                "after_sales_reason",
                reason),
            Caller.anonymous())
        .body()
        .path("id")
        .asText();
  }

  private JsonNode awaitStatus(final String afterSalesId, final String status) {
    try {
      return await()
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> api.get("/api/after-sales/" + afterSalesId, api.admin()).body(),
              c -> c != null && status.equals(c.path("status").asText()));
    } catch (final org.awaitility.core.ConditionTimeoutException timeout) {
      final JsonNode current = api.get("/api/after-sales/" + afterSalesId, api.admin()).body();
      throw new AssertionError(
          "case %s never reached %s; case timeline %s, order timeline %s"
              .formatted(
                  afterSalesId,
                  status,
                  timeline(afterSalesId),
                  orders.timelineTypes(current.path("orderSn").asText())),
          timeout);
    }
  }

  private List<String> timeline(final String afterSalesId) {
    final List<String> types = new java.util.ArrayList<>();
    api.get("/api/after-sales/" + afterSalesId + "/timeline", api.admin())
        .body()
        .forEach(e -> types.add(e.path("type").asText()));
    return types;
  }
}
