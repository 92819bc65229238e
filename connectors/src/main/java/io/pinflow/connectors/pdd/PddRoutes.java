package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.connectors.support.ConnectorEndpoints;
import io.pinflow.connectors.support.ConnectorErrorPolicy;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one way out to the PDD router: parameters signed with the shop's secret, sent as a form POST,
 * the answer checked for {@code error_response}. Throttling (52101) pauses the shop's calls in the
 * governor.
 */
@Component
public class PddRoutes extends RouteBuilder {

  public static final String CALL = "direct:pdd-call";
  private static final String REQUEST = "pinflowPddRequest";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PddCredentials credentials;
  private final PddRateGovernor governor;
  private final ConnectorEndpoints endpoints;
  private final int timeoutMillis;

  public PddRoutes(
      final PddCredentials credentials,
      final PddRateGovernor governor,
      final ConnectorEndpoints endpoints,
      @Value("${pinflow.pdd.timeout-ms:10000}") final int timeoutMillis) {
    this.credentials = credentials;
    this.governor = governor;
    this.endpoints = endpoints;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void configure() {
    ConnectorErrorPolicy.withoutClientRetries(getCamelContext());
    from(CALL)
        .routeId("pdd-call")
        .routeConfigurationId(ConnectorErrorPolicy.CALLS)
        .process(this::prepare)
        .to(
            "http://pdd-router?throwExceptionOnFailure=false&connectTimeout="
                + timeoutMillis
                + "&responseTimeout="
                + timeoutMillis)
        .process(this::answer);
  }

  private void prepare(final Exchange exchange) throws Exception {
    final PddRequest request = exchange.getMessage().getMandatoryBody(PddRequest.class);
    governor.acquire(request.shopId(), request.type());
    final PddCredentials.Credentials shop = credentials.of(request.shopId());
    final Map<String, String> params = new LinkedHashMap<>();
    params.put("type", request.type());
    params.put("client_id", shop.clientId());
    params.put("access_token", shop.accessToken());
    params.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
    params.put("data_type", "JSON");
    params.put("version", "V1");
    for (final var param : request.params().entrySet()) {
      final Object value = param.getValue();
      params.put(
          param.getKey(), value instanceof String text ? text : JSON.writeValueAsString(value));
    }
    params.put("sign", PddSigner.sign(params, shop.clientSecret()));
    exchange.setProperty(REQUEST, request);
    final var message = exchange.getMessage();
    message.setHeaders(Map.of());
    message.setHeader(Exchange.HTTP_METHOD, "POST");
    message.setHeader(Exchange.HTTP_URI, endpoints.pddRouter());
    message.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=UTF-8");
    message.setBody(
        params.entrySet().stream()
            .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
            .collect(Collectors.joining("&")));
  }

  private void answer(final Exchange exchange) throws IOException {
    final PddRequest request = exchange.getProperty(REQUEST, PddRequest.class);
    final int status =
        exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    final String body = exchange.getMessage().getBody(String.class);
    if (status != 200 || body == null) {
      throw new IOException("PDD router answered HTTP " + status + " to " + request.type());
    }
    final JsonNode root = JSON.readTree(body);
    final JsonNode error = root.get("error_response");
    if (error != null) {
      final var failure =
          new PddApiException(
              request.type(),
              error.path("error_code").asInt(),
              error.path("sub_code").isMissingNode() ? null : error.path("sub_code").asText(null),
              error.path("error_msg").asText("") + " " + error.path("sub_msg").asText(""));
      if (failure.errorCode() == PddApiException.THROTTLED) {
        governor.throttled(request.shopId());
      }
      throw failure;
    }
    governor.succeeded(request.shopId());
    final Iterator<JsonNode> responses = root.elements();
    exchange.getMessage().setBody(responses.hasNext() ? responses.next() : root);
  }

  private static String encode(final String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
