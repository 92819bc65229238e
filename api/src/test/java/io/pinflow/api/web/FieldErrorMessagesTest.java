package io.pinflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A value of the wrong kind is answered with what the field takes, not only that it is wrong. */
@PinflowIntegrationTest
class FieldErrorMessagesTest {

  @Autowired TestApi api;

  private JsonNode fieldError(final String path) {
    final TestApi.Answer answer = api.get(path, api.admin());
    assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
    return answer.body().path("errors").get(0);
  }

  @Test
  void aQueryParameterOfTheWrongKindSaysWhatItTakes() {
    final JsonNode status = fieldError("/api/orders?status=SHIPPPED");
    assertThat(status.path("field").asText()).isEqualTo("status");
    assertThat(status.path("message").asText())
        .startsWith("must be one of ")
        .contains("SENT_TO_WMS", "SHIPPED", "COMPLETED", "CANCELLED");

    assertThat(fieldError("/api/after-sales?from=yesterday").path("message").asText())
        .isEqualTo("must be a date-time such as 2026-11-24T10:00:00+08:00");
    assertThat(fieldError("/api/orders?page=first").path("message").asText())
        .isEqualTo("must be a whole number");
  }

  @Test
  void aBodyFieldOfTheWrongKindSaysWhatItTakes() {
    final TestApi.Answer quantity =
        api.post(
            "/api/orders",
            "{\"shopId\":\"demo-shop\",\"orderSn\":\"261124-1\",\"items\":[{\"outerSkuId\":\"SKU-1\","
                + "\"quantity\":\"two\",\"priceFen\":100}]}",
            api.admin());
    assertThat(quantity.status()).as(quantity.raw()).isEqualTo(400);
    assertThat(quantity.body().path("detail").asText())
        .isEqualTo("field 'items[0].quantity' must be a whole number");

    final TestApi.Answer items =
        api.post("/api/orders", "{\"shopId\":\"demo-shop\",\"items\":\"SKU-1\"}", api.admin());
    assertThat(items.status()).as(items.raw()).isEqualTo(400);
    assertThat(items.body().path("detail").asText()).isEqualTo("field 'items' must be a list");
  }
}
