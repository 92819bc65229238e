package io.pinflow.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole order-to-ship flow through real HTTP to the simulated PDD and WMS. */
@PinflowIntegrationTest
class OrderToShipEndToEndTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;

  @Test
  void anOrderPlacedOnPddShipsAndCompletesWithoutAnyOtherInput() {
    final String sku = orders.sku(10);

    final String orderSn = orders.placeOnPdd(sku, 2);

    final JsonNode order = orders.awaitStatus(orderSn, "COMPLETED");
    assertThat(order.path("source").asText()).isEqualTo("PDD_SYNC");
    assertThat(order.path("payAmountFen").asLong()).isEqualTo(5000);
    assertThat(order.path("receiver").path("phoneMask").asText()).contains("****");
    final JsonNode shipment = order.path("shipments").get(0);
    assertThat(shipment.path("uploadedAt").asText()).isNotBlank();
    assertThat(orders.timelineTypes(orderSn))
        .containsExactly(
            "ORDER_RECEIVED",
            "STOCK_RESERVED",
            "SENT_TO_WMS",
            "WMS_SHIPPED",
            "SHIPPED",
            "TRACKING_UPLOADED",
            "DELIVERED",
            "COMPLETED");
    final JsonNode uploads =
        api.get("/simulator/pdd/shipments/" + orderSn, Caller.anonymous()).body();
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).path("tracking_number").asText())
        .isEqualTo(shipment.path("trackingNumber").asText());
    assertThat(orders.available(sku)).isEqualTo(8);
    assertThat(orders.reserved(sku)).isZero();
    assertThat(api.get("/api/inventory/" + sku, api.admin()).body().path("onHand").asInt())
        .isEqualTo(8);
  }
}
