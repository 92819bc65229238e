package io.pinflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.security.PermissionMatrixTest.Endpoint;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestOrders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Garbage sent to every endpoint by a caller allowed to call it: malformed JSON, the wrong shape,
 * wrong types, huge and hostile strings, negative and huge numbers, absurd paging. The answer is a
 * 4xx problem detail, never a 5xx.
 */
@PinflowIntegrationTest
class BadInputTest {

  private static final String HUGE = "x".repeat(100_000);
  private static final String HOSTILE =
      "' OR 1=1; DROP TABLE orders; -- <script>alert(1)</script> ${jndi:ldap://x}";

  @Autowired TestApi api;
  @Autowired TestOrders orders;

  @BeforeEach
  void fixtures() {
    PermissionMatrixTest.createFixtures(api, orders);
  }

  static Stream<Arguments> writesAndGarbage() {
    final List<Arguments> cases = new ArrayList<>();
    for (final Endpoint endpoint : PermissionMatrixTest.ENDPOINTS) {
      if (endpoint.method() == HttpMethod.GET) {
        continue;
      }
      for (final Object garbage :
          List.<Object>of(
              "{\"shopId\": ",
              "[1, 2, 3]",
              "\"just a string\"",
              "{\"items\": \"not a list\", \"quantity\": \"many\", \"priceFen\": {\"a\": 1}}",
              Map.of("shopId", HUGE, "name", HUGE, "reason", HUGE, "orderSn", HUGE),
              Map.of("shopId", HOSTILE, "orderSn", HOSTILE, "username", HOSTILE, "reason", HOSTILE),
              Map.of("quantity", -1, "priceFen", -99, "onHand", -5, "stockSafetyBuffer", -1),
              Map.of("quantity", Long.MAX_VALUE, "onHand", 1e300, "refundAmountFen", 1e40))) {
        cases.add(Arguments.of(endpoint, garbage));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("writesAndGarbage")
  void garbageIsRefusedWithAProblemNeverAServerError(final Endpoint endpoint, final Object body) {
    final TestApi.Answer answer =
        api.call(endpoint.method(), endpoint.path().get(), body, api.admin());

    assertThat(answer.status()).as(answer.raw()).isLessThan(500);
    if (answer.status() >= 400) {
      assertThat(answer.body()).as(answer.raw()).isNotNull();
      assertThat(answer.body().path("status").asInt()).isEqualTo(answer.status());
    }
  }

  static Stream<Arguments> readsAndPaging() {
    final List<Arguments> cases = new ArrayList<>();
    for (final Endpoint endpoint : PermissionMatrixTest.ENDPOINTS) {
      if (endpoint.method() != HttpMethod.GET) {
        continue;
      }
      final String path = endpoint.path().get();
      final String join = path.contains("?") ? "&" : "?";
      for (final String query :
          List.of(
              "size=1000000",
              "page=-1",
              "page=abc&size=-5",
              "from=not-a-date&to=2026-13-45",
              "status=NO_SUCH_STATUS",
              "shopId="
                  + java.net.URLEncoder.encode(HOSTILE, java.nio.charset.StandardCharsets.UTF_8))) {
        cases.add(Arguments.of(endpoint, path + join + query));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("readsAndPaging")
  void absurdQueriesAreRefusedOrBoundedNeverAServerError(
      final Endpoint endpoint, final String path) {
    final TestApi.Answer answer = api.get(path, api.admin());

    assertThat(answer.status()).as(answer.raw()).isLessThan(500);
    if (path.contains("size=1000000")
        && answer.status() == 200
        && answer.body() != null
        && answer.body().has("size")) {
      assertThat(answer.body().path("size").asInt()).isLessThanOrEqualTo(200);
    }
  }
}
