package io.pinflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestOrders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * JSON unless a client asks for CSV: what curl, browsers and most HTTP libraries send (anything, or
 * no Accept at all) gets JSON from every endpoint, CSV only with {@code Accept: text/csv}.
 */
@PinflowIntegrationTest
class ContentNegotiationTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;
  @LocalServerPort int port;

  private HttpResponse<String> get(final String path, final String accept) throws Exception {
    final TestApi.Caller admin = api.admin();
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (admin.username() + ":" + admin.password())
                                .getBytes(StandardCharsets.UTF_8)));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aTimelineIsJsonForAClientThatTakesAnythingAndCsvOnlyWhenAsked() throws Exception {
    final String orderSn = orders.placeOnPdd(orders.sku(5), 1);
    orders.awaitStatus(orderSn, "COMPLETED");
    final String path = "/api/orders/" + orderSn + "/timeline";

    for (final String accept : new String[] {"*/*", null, "application/json"}) {
      final HttpResponse<String> answer = get(path, accept);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type"))
          .as("Accept: %s", accept)
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(answer.body()).startsWith("[").contains("\"type\":\"ORDER_RECEIVED\"");
    }
    final HttpResponse<String> csv = get(path, "text/csv");
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    assertThat(csv.body()).startsWith("\uFEFF").contains("ORDER_RECEIVED");
  }

  @Test
  void aReportIsJsonForAClientThatTakesAnything() throws Exception {
    final HttpResponse<String> answer = get("/api/reports/fulfilment?groupBy=total", "*/*");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }
}
