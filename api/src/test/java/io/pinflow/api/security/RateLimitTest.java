package io.pinflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A caller over its rate gets 429 with Retry-After; others are not slowed; the bucket refills. A
 * plain HTTP client, since the test template's client honours Retry-After by itself.
 */
@PinflowIntegrationTest
class RateLimitTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired TestApi api;
  @LocalServerPort int port;

  @Test
  void overItsRateACallerIsToldWhenToRetry() throws Exception {
    // the test profile gives this caller a request every 2 seconds, 3 at once
    final TestApi.Caller limited =
        api.ensureUser("rate-limited-caller", List.of("OPS"), List.of("*"));
    final List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int i = 0; i < 6; i++) {
      final HttpResponse<String> answer = shops(limited.username(), limited.password());
      statuses.add(answer.statusCode());
      if (answer.statusCode() == 429 && refused == null) {
        refused = answer;
      }
    }

    assertThat(statuses.subList(0, 3)).containsOnly(200);
    assertThat(statuses.subList(3, 6)).containsOnly(429);
    final long retryAfter =
        Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 2L);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(refused.body()).contains("/rate-limited");
    final TestApi.Caller other = api.userWithRole("OPS");
    assertThat(shops(other.username(), other.password()).statusCode()).isEqualTo(200);
    Thread.sleep(retryAfter * 1000 + 200);
    assertThat(shops(limited.username(), limited.password()).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongCredentialsAreRefusedBeforeAnyLimit() throws Exception {
    assertThat(shops("rate-limited-caller", "wrong").statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> shops(final String username, final String password)
      throws Exception {
    final String basic =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/shops"))
            .header("Authorization", "Basic " + basic)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
