package io.pinflow.connectors.wms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.connectors.support.ConnectorEndpoints;
import io.pinflow.connectors.support.ConnectorErrorPolicy;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delivery orders to the WMS over HTTP: create with {@code Idempotency-Key} = order number, and
 * cancel. 2xx is accepted, 422 a rejection for good, 404 unknown, 409 shipped already; anything
 * else (5xx, timeouts) is a technical failure that the caller retries with the same key.
 */
@Component
public class WmsOutboundRoutes extends RouteBuilder {

  public static final String CREATE = "direct:wms-outbound-create";
  public static final String CANCEL = "direct:wms-outbound-cancel";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConnectorEndpoints endpoints;
  private final String apiKey;
  private final int timeoutMillis;

  public WmsOutboundRoutes(
      final ConnectorEndpoints endpoints,
      @Value("${pinflow.wms.api-key:}") final String apiKey,
      @Value("${pinflow.wms.timeout-ms:5000}") final int timeoutMillis) {
    this.endpoints = endpoints;
    this.apiKey = apiKey;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void configure() {
    ConnectorErrorPolicy.withoutClientRetries(getCamelContext());
    final String http =
        "http://wms?throwExceptionOnFailure=false&connectTimeout="
            + timeoutMillis
            + "&responseTimeout="
            + timeoutMillis;

    from(CREATE)
        .routeId("wms-outbound-create")
        .routeConfigurationId(ConnectorErrorPolicy.CALLS)
        .process(
            exchange -> {
              final DeliveryOrder order =
                  exchange.getMessage().getMandatoryBody(DeliveryOrder.class);
              request(exchange, "POST", endpoints.wmsBase() + "/outbound", order.idempotencyKey());
              exchange.getMessage().setBody(JSON.writeValueAsString(order));
            })
        .to(http)
        .process(exchange -> answer(exchange, false));

    from(CANCEL)
        .routeId("wms-outbound-cancel")
        .routeConfigurationId(ConnectorErrorPolicy.CALLS)
        .process(
            exchange -> {
              final String orderSn = exchange.getMessage().getMandatoryBody(String.class);
              request(
                  exchange,
                  "POST",
                  endpoints.wmsBase()
                      + "/outbound/"
                      + URLEncoder.encode(orderSn, StandardCharsets.UTF_8)
                      + "/cancel",
                  "cancel-" + orderSn);
              exchange.getMessage().setBody("");
            })
        .to(http)
        .process(exchange -> answer(exchange, true));
  }

  private void request(
      final Exchange exchange, final String method, final String uri, final String idempotencyKey) {
    final var message = exchange.getMessage();
    message.setHeaders(Map.of());
    message.setHeader(Exchange.HTTP_METHOD, method);
    message.setHeader(Exchange.HTTP_URI, uri);
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    message.setHeader("Idempotency-Key", idempotencyKey);
    if (!apiKey.isBlank()) {
      message.setHeader("X-Api-Key", apiKey);
    }
  }

  private static void answer(final Exchange exchange, final boolean cancelling) throws IOException {
    final int status =
        exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    final String body = exchange.getMessage().getBody(String.class);
    final JsonNode json =
        body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    final String reason = json.path("reason").asText(json.path("detail").asText(null));
    final WmsOutcome outcome =
        switch (status) {
          case 200, 201, 202 ->
              new WmsOutcome(
                  cancelling ? WmsOutcome.Result.CANCELLED : WmsOutcome.Result.ACCEPTED,
                  json.path("wmsOrderId").asText(null),
                  null);
          case 404 -> new WmsOutcome(WmsOutcome.Result.NOT_FOUND, null, reason);
          case 409 -> new WmsOutcome(WmsOutcome.Result.ALREADY_SHIPPED, null, reason);
          case 400, 422 -> new WmsOutcome(WmsOutcome.Result.REJECTED, null, reason);
          default ->
              throw new IOException(
                  "WMS answered HTTP " + status + (reason == null ? "" : ": " + reason));
        };
    exchange.getMessage().setBody(outcome);
  }
}
