package io.pinflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.domain.access.BuiltinRoles;
import io.pinflow.domain.access.Permission;
import io.pinflow.domain.access.Role;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Every endpoint against every built-in role: with the permission the call succeeds (2xx), without
 * it 403, without credentials 401. New endpoints join {@link #ENDPOINTS}.
 */
@PinflowIntegrationTest
class PermissionMatrixTest {

  private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime());

  /** An endpoint, the permission it needs (null: any signed-in caller) and a valid request. */
  record Endpoint(
      HttpMethod method,
      String name,
      Supplier<String> path,
      Permission permission,
      Supplier<Object> body) {

    Endpoint(
        final HttpMethod method,
        final String path,
        final Permission permission,
        final Supplier<Object> body) {
      this(method, path, () -> path, permission, body);
    }

    @Override
    public String toString() {
      return method + " " + name;
    }
  }

  /** Objects the endpoints act on, created once through the API. */
  static final class Fixtures {
    static volatile String sku;
    static volatile String orderSn;
    static volatile String afterSalesId;
    static volatile String listingId;
    static volatile long importId;
    static TestApi api;

    static String freshOrder() {
      final String sn =
          "261124-" + (900_000_000_000_000L + UNIQUE.incrementAndGet() % 99_999_999_999_999L);
      api.post("/api/orders", io.pinflow.api.testing.TestOrders.body(sn, sku, 1), api.admin());
      return sn;
    }

    static Object afterSalesBody() {
      return Map.of(
          "shopId",
          "demo-shop",
          "afterSalesId",
          "M-" + UNIQUE.incrementAndGet(),
          "orderSn",
          freshOrder(),
          "type",
          "RETURN_REFUND",
          "reason",
          "SIZE",
          "refundAmountFen",
          100);
    }

    static Map<String, Object> listingBody(final String skuId) {
      return Map.of(
          "shopId",
          "demo-shop",
          "outerGoodsId",
          "M-GOODS-" + UNIQUE.incrementAndGet(),
          "title",
          "Matrix goods",
          "categoryId",
          1001,
          "images",
          List.of("https://img.example.com/m.jpg"),
          "skus",
          List.of(
              Map.of("outerSkuId", skuId, "spec", "one size", "priceFen", 2500, "quantity", 1)));
    }

    static String freshListing() {
      return api.post("/api/listings", listingBody(sku), api.admin())
          .body()
          .path("listingId")
          .asText();
    }

    static volatile String campaignId;

    /** A campaign of a SKU the catalogue does not know: sent back for revision, and stays so. */
    static Map<String, Object> campaignBody() {
      final java.time.OffsetDateTime start =
          java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).plusDays(2);
      return Map.of(
          "shopId",
          "demo-shop",
          "name",
          "Matrix campaign " + UNIQUE.incrementAndGet(),
          "startTime",
          start.toString(),
          "endTime",
          start.plusHours(2).toString(),
          "items",
          List.of(Map.of("outerSkuId", "M-UNKNOWN-SKU", "activityPriceFen", 900, "quantity", 1)));
    }

    static String freshCampaign() {
      return api.post("/api/campaigns", campaignBody(), api.admin())
          .body()
          .path("campaignId")
          .asText();
    }

    static Object stockUpload() {
      return List.of(Map.of("outerSkuId", sku, "onHand", 1000 + UNIQUE.incrementAndGet() % 1000));
    }

    static Object orderBody() {
      return io.pinflow.api.testing.TestOrders.body(
          "261124-" + (900_000_000_000_000L + UNIQUE.incrementAndGet() % 99_999_999_999_999L),
          sku,
          1);
    }
  }

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint(HttpMethod.GET, "/api/shops", null, () -> null),
          new Endpoint(
              HttpMethod.POST,
              "/api/shops",
              Permission.USER_MANAGE,
              () -> Map.of("shopId", "m-" + UNIQUE.incrementAndGet(), "name", "Matrix")),
          new Endpoint(HttpMethod.GET, "/api/users", Permission.USER_MANAGE, () -> null),
          new Endpoint(
              HttpMethod.POST,
              "/api/users",
              Permission.USER_MANAGE,
              () ->
                  Map.of(
                      "username",
                      "m-" + UNIQUE.incrementAndGet(),
                      "password",
                      "matrix-password-1",
                      "roles",
                      List.of("ANALYST"),
                      "shops",
                      List.of("*"))),
          new Endpoint(
              HttpMethod.PUT,
              "/api/users/t-analyst",
              Permission.USER_MANAGE,
              () -> Map.of("roles", List.of("ANALYST"))),
          new Endpoint(HttpMethod.GET, "/api/roles", Permission.USER_MANAGE, () -> null),
          new Endpoint(
              HttpMethod.POST,
              "/api/roles",
              Permission.USER_MANAGE,
              () ->
                  Map.of(
                      "name",
                      "M_" + UNIQUE.incrementAndGet(),
                      "permissions",
                      List.of("order:read"))),
          new Endpoint(HttpMethod.GET, "/api/api-keys", Permission.USER_MANAGE, () -> null),
          new Endpoint(
              HttpMethod.POST,
              "/api/api-keys",
              Permission.USER_MANAGE,
              () -> Map.of("name", "matrix", "roles", List.of("ANALYST"), "shops", List.of("*"))),
          new Endpoint(HttpMethod.GET, "/api/audit", Permission.AUDIT_READ, () -> null),
          new Endpoint(HttpMethod.GET, "/api/tasks", Permission.TASK_WORK, () -> null),
          new Endpoint(HttpMethod.GET, "/api/incidents", Permission.ORDER_WRITE, () -> null),
          new Endpoint(
              HttpMethod.POST, "/api/system/self-checks", Permission.SYSTEM_MANAGE, () -> null),
          new Endpoint(HttpMethod.GET, "/api/orders", Permission.ORDER_READ, () -> null),
          new Endpoint(HttpMethod.POST, "/api/orders", Permission.ORDER_WRITE, Fixtures::orderBody),
          new Endpoint(
              HttpMethod.GET,
              "/api/orders/{orderSn}",
              () -> "/api/orders/" + Fixtures.orderSn,
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.GET,
              "/api/orders/{orderSn}/timeline",
              () -> "/api/orders/" + Fixtures.orderSn + "/timeline",
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.POST,
              "/api/orders/{orderSn}/cancel",
              () -> "/api/orders/" + Fixtures.freshOrder() + "/cancel",
              Permission.ORDER_WRITE,
              () -> Map.of("reason", "matrix")),
          new Endpoint(HttpMethod.GET, "/api/after-sales", Permission.ORDER_READ, () -> null),
          new Endpoint(
              HttpMethod.POST,
              "/api/after-sales",
              Permission.ORDER_WRITE,
              Fixtures::afterSalesBody),
          new Endpoint(
              HttpMethod.GET,
              "/api/after-sales/{afterSalesId}",
              () -> "/api/after-sales/" + Fixtures.afterSalesId,
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.GET,
              "/api/after-sales/{afterSalesId}/timeline",
              () -> "/api/after-sales/" + Fixtures.afterSalesId + "/timeline",
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(HttpMethod.GET, "/api/listings", Permission.ORDER_READ, () -> null),
          new Endpoint(
              HttpMethod.POST,
              "/api/listings",
              Permission.ORDER_WRITE,
              () -> Fixtures.listingBody(Fixtures.sku)),
          new Endpoint(
              HttpMethod.GET,
              "/api/listings/{listingId}",
              () -> "/api/listings/" + Fixtures.listingId,
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.GET,
              "/api/listings/{listingId}/timeline",
              () -> "/api/listings/" + Fixtures.listingId + "/timeline",
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.PUT,
              "/api/listings/{listingId}",
              () -> "/api/listings/" + Fixtures.listingId,
              Permission.ORDER_WRITE,
              () -> Fixtures.listingBody("M-UNKNOWN-SKU")),
          new Endpoint(
              HttpMethod.POST,
              "/api/listings/{listingId}/delist",
              () -> "/api/listings/" + Fixtures.freshListing() + "/delist",
              Permission.ORDER_WRITE,
              () -> Map.of("reason", "matrix")),
          new Endpoint(HttpMethod.GET, "/api/campaigns", Permission.ORDER_READ, () -> null),
          new Endpoint(
              HttpMethod.POST, "/api/campaigns", Permission.ORDER_WRITE, Fixtures::campaignBody),
          new Endpoint(
              HttpMethod.GET,
              "/api/campaigns/{campaignId}",
              () -> "/api/campaigns/" + Fixtures.campaignId,
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.GET,
              "/api/campaigns/{campaignId}/timeline",
              () -> "/api/campaigns/" + Fixtures.campaignId + "/timeline",
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.PUT,
              "/api/campaigns/{campaignId}",
              () -> "/api/campaigns/" + Fixtures.campaignId,
              Permission.ORDER_WRITE,
              Fixtures::campaignBody),
          new Endpoint(
              HttpMethod.POST,
              "/api/campaigns/{campaignId}/stop",
              () -> "/api/campaigns/" + Fixtures.freshCampaign() + "/stop",
              Permission.ORDER_WRITE,
              () -> Map.of("reason", "matrix")),
          new Endpoint(
              HttpMethod.GET,
              "/api/reports/campaigns/{campaignId}",
              () -> "/api/reports/campaigns/" + Fixtures.campaignId,
              Permission.REPORT_READ,
              () -> null),
          new Endpoint(
              HttpMethod.GET,
              "/api/reports/fulfilment",
              () -> "/api/reports/fulfilment?groupBy=shop",
              Permission.REPORT_READ,
              () -> null),
          new Endpoint(
              HttpMethod.GET,
              "/api/reports/after-sales",
              () -> "/api/reports/after-sales?groupBy=reason",
              Permission.REPORT_READ,
              () -> null),
          new Endpoint(HttpMethod.GET, "/api/imports", Permission.ORDER_READ, () -> null),
          new Endpoint(
              HttpMethod.GET,
              "/api/imports/{importId}",
              () -> "/api/imports/" + Fixtures.importId,
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.GET,
              "/api/imports/{importId}/rejects",
              () -> "/api/imports/" + Fixtures.importId + "/rejects",
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.POST,
              "/integrations/erp/stock",
              Permission.ORDER_WRITE,
              Fixtures::stockUpload),
          new Endpoint(
              HttpMethod.PUT,
              "/api/shops/demo-shop",
              Permission.USER_MANAGE,
              () -> Map.of("stockSafetyBuffer", 0)),
          new Endpoint(
              HttpMethod.GET,
              "/api/inventory/{sku}",
              () -> "/api/inventory/" + Fixtures.sku,
              Permission.ORDER_READ,
              () -> null),
          new Endpoint(
              HttpMethod.PUT,
              "/api/inventory/{sku}",
              () -> "/api/inventory/" + Fixtures.sku,
              Permission.INVENTORY_WRITE,
              () -> Map.of("onHand", 1000)),
          new Endpoint(
              HttpMethod.GET, "/actuator/prometheus", Permission.SYSTEM_MANAGE, () -> null));

  @Autowired TestApi api;
  @Autowired io.pinflow.api.testing.TestOrders orders;

  @org.junit.jupiter.api.BeforeEach
  void fixtures() {
    createFixtures(api, orders);
  }

  /** Creates the objects the endpoints act on, once per application context. */
  static synchronized void createFixtures(
      final TestApi api, final io.pinflow.api.testing.TestOrders orders) {
    if (Fixtures.sku == null) {
      Fixtures.api = api;
      Fixtures.sku = orders.sku(1000);
      Fixtures.orderSn = Fixtures.freshOrder();
      final Object afterSales = Fixtures.afterSalesBody();
      api.post("/api/after-sales", afterSales, api.admin());
      Fixtures.afterSalesId = (String) ((Map<?, ?>) afterSales).get("afterSalesId");
      // a listing that stays NEEDS_FIX: its SKU is not in the catalogue
      Fixtures.listingId =
          api.post("/api/listings", Fixtures.listingBody("M-UNKNOWN-SKU"), api.admin())
              .body()
              .path("listingId")
              .asText();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(
              () ->
                  api.get("/api/listings/" + Fixtures.listingId, api.admin())
                      .body()
                      .path("status")
                      .asText(),
              "NEEDS_FIX"::equals);
      Fixtures.campaignId = Fixtures.freshCampaign();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(
              () ->
                  api.get("/api/campaigns/" + Fixtures.campaignId, api.admin())
                      .body()
                      .path("status")
                      .asText(),
              "REJECTED"::equals);
      Fixtures.importId =
          api.post("/integrations/erp/stock", Fixtures.stockUpload(), api.admin())
              .body()
              .path("importId")
              .asLong();
    }
  }

  static Stream<Arguments> endpointsAndRoles() {
    return ENDPOINTS.stream()
        .flatMap(endpoint -> BuiltinRoles.all().stream().map(role -> Arguments.of(endpoint, role)));
  }

  static Stream<Endpoint> endpoints() {
    return ENDPOINTS.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("endpointsAndRoles")
  void aCallSucceedsExactlyWithThePermission(final Endpoint endpoint, final Role role) {
    api.userWithRole("ANALYST");
    final Caller caller = api.userWithRole(role.name());
    final boolean allowed =
        endpoint.permission() == null || role.permissions().contains(endpoint.permission());

    final Answer answer =
        api.call(endpoint.method(), endpoint.path().get(), endpoint.body().get(), caller);

    if (allowed) {
      assertThat(answer.status()).as(answer.raw()).isBetween(200, 299);
    } else {
      assertThat(answer.status()).as(answer.raw()).isEqualTo(403);
    }
  }

  @ParameterizedTest(name = "{0} without credentials")
  @MethodSource("endpoints")
  void aCallWithoutCredentialsIsUnauthorized(final Endpoint endpoint) {
    final Answer answer =
        api.call(
            endpoint.method(), endpoint.path().get(), endpoint.body().get(), Caller.anonymous());

    assertThat(answer.status()).isEqualTo(401);
  }
}
