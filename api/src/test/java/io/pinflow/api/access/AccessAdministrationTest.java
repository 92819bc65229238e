package io.pinflow.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

@PinflowIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AccessAdministrationTest {

  @Autowired TestApi api;
  @Autowired JdbcClient jdbc;

  @Test
  void theBootstrapAdminSignsInWithTheConfiguredPassword() {
    assertThat(api.get("/api/users", api.admin()).status()).isEqualTo(200);
    assertThat(api.get("/api/users", Caller.user("admin", "wrong-password")).status())
        .isEqualTo(401);
    assertThat(api.get("/api/roles", api.admin()).body().toString())
        .contains("\"name\":\"OPS_LEAD\"")
        .contains("listing:review");
  }

  @Test
  void secretsNeverAppearInAnswersOrLogs(final CapturedOutput output) {
    final String password = "a-secret-password-" + System.nanoTime();
    final String clientSecret = "client-secret-" + System.nanoTime();
    final String shopId = "secret-shop-" + System.nanoTime();

    final Answer shop =
        api.post(
            "/api/shops",
            Map.of(
                "shopId",
                shopId,
                "name",
                "Secret shop",
                "clientId",
                "cid",
                "clientSecret",
                clientSecret),
            api.admin());
    final Answer user =
        api.post(
            "/api/users",
            Map.of(
                "username",
                "t-secret-" + System.nanoTime(),
                "password",
                password,
                "roles",
                List.of("OPS"),
                "shops",
                List.of(shopId)),
            api.admin());
    final Answer key =
        api.post(
            "/api/api-keys",
            Map.of("name", "erp", "roles", List.of("INTEGRATION"), "shops", List.of(shopId)),
            api.admin());
    final String rawKey = key.body().path("key").asText();
    final Answer usedKey = api.get("/api/shops", Caller.key(rawKey));
    final String lists =
        api.get("/api/shops", api.admin()).raw()
            + api.get("/api/users", api.admin()).raw()
            + api.get("/api/api-keys", api.admin()).raw();

    assertThat(shop.status()).isEqualTo(201);
    assertThat(shop.body().path("clientSecretSet").asBoolean()).isTrue();
    assertThat(user.status()).isEqualTo(201);
    assertThat(key.status()).isEqualTo(201);
    assertThat(rawKey).startsWith("pf_").hasSizeGreaterThan(30);
    assertThat(usedKey.status()).isEqualTo(200);
    assertThat(usedKey.body().toString()).contains(shopId);
    assertThat(shop.raw() + user.raw() + lists + usedKey.raw())
        .doesNotContain(clientSecret)
        .doesNotContain(password)
        .doesNotContain(rawKey)
        .doesNotContain("$2a$");
    assertThat(lists).doesNotContain(rawKey);
    assertThat(output.getAll()).doesNotContain(clientSecret, password, rawKey);
    final String stored =
        jdbc.sql("SELECT client_secret_enc FROM shops WHERE shop_id = ?")
            .param(shopId)
            .query(String.class)
            .single();
    assertThat(stored).startsWith("v1:").doesNotContain(clientSecret);
  }

  @Test
  void aRevokedKeyNoLongerSignsIn() {
    final Answer key =
        api.post(
            "/api/api-keys",
            Map.of("name", "wms", "roles", List.of("INTEGRATION"), "shops", List.of("*")),
            api.admin());
    final Caller caller = Caller.key(key.body().path("key").asText());
    assertThat(api.get("/api/shops", caller).status()).isEqualTo(200);

    final Answer revoked =
        api.call(
            HttpMethod.DELETE,
            "/api/api-keys/" + key.body().path("id").asText(),
            null,
            api.admin());

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().path("revokedAt").asText()).isNotBlank();
    assertThat(api.get("/api/shops", caller).status()).isEqualTo(401);
    assertThat(api.get("/api/shops", Caller.key("pf_not-a-key")).status()).isEqualTo(401);
  }

  @Test
  void administratorsCannotGrantMoreThanTheyHold() {
    final String shop = api.ensureShop("shop-x");
    api.ensureShop("shop-y");
    final Answer role =
        api.post(
            "/api/roles",
            Map.of("name", "USER_ADMIN", "permissions", List.of("user:manage", "order:read")),
            api.admin());
    assertThat(role.status()).isIn(201, 409);
    api.post(
        "/api/roles", Map.of("name", "READER", "permissions", List.of("order:read")), api.admin());
    final Caller userAdmin = api.ensureUser("t-user-admin", List.of("USER_ADMIN"), List.of(shop));

    assertThat(createUser(userAdmin, List.of("ADMIN"), List.of(shop)).status()).isEqualTo(403);
    assertThat(createUser(userAdmin, List.of("OPS"), List.of(shop)).status()).isEqualTo(403);
    assertThat(createUser(userAdmin, List.of("READER"), List.of("*")).status()).isEqualTo(403);
    assertThat(createUser(userAdmin, List.of("READER"), List.of("shop-y")).status()).isEqualTo(403);
    assertThat(
            api.post(
                    "/api/roles",
                    Map.of("name", "SNEAKY", "permissions", List.of("audit:read")),
                    userAdmin)
                .status())
        .isEqualTo(403);
    assertThat(
            api.call(
                    HttpMethod.PUT,
                    "/api/users/admin",
                    Map.of("password", "taken-over-1234"),
                    userAdmin)
                .status())
        .isEqualTo(403);
    assertThat(createUser(userAdmin, List.of("READER"), List.of(shop)).status()).isEqualTo(201);
    assertThat(api.get("/api/users", userAdmin).body().toString())
        .doesNotContain("\"username\":\"admin\"");
  }

  @Test
  void fieldsACallerMayNotSetAreIgnored() {
    final String username = "t-mass-" + System.nanoTime();
    final Answer created =
        api.post(
            "/api/users",
            Map.of(
                "username",
                username,
                "password",
                "long-enough-password",
                "roles",
                List.of("ANALYST"),
                "shops",
                List.of("*"),
                "enabled",
                false,
                "passwordHash",
                "$2a$10$forged",
                "version",
                99,
                "createdAt",
                "2000-01-01T00:00:00Z"),
            api.admin());
    final String shopId = "mass-shop-" + System.nanoTime();
    final Answer shop =
        api.post(
            "/api/shops",
            Map.of(
                "shopId",
                shopId,
                "name",
                "Mass",
                "platform",
                "PDD",
                "simulated",
                false,
                "createdAt",
                "2000-01-01T00:00:00Z"),
            api.admin());

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("enabled").asBoolean()).isTrue();
    assertThat(created.body().path("createdAt").asText()).doesNotStartWith("2000");
    assertThat(api.get("/api/orders", Caller.user(username, "long-enough-password")).status())
        .isNotEqualTo(401);
    assertThat(shop.body().path("simulated").asBoolean()).isTrue();
    assertThat(shop.body().path("createdAt").asText()).doesNotStartWith("2000");
  }

  @Test
  void invalidRequestsAreAnsweredWithFieldErrors() {
    final Answer invalid =
        api.post(
            "/api/users",
            Map.of(
                "username",
                "x",
                "password",
                "short",
                "roles",
                List.of("NO_SUCH_ROLE"),
                "shops",
                List.of()),
            api.admin());
    final Answer malformed = api.post("/api/users", "{\"username\": ", api.admin());
    final Answer wrongType =
        api.post("/api/users", "{\"username\": \"ok-name\", \"roles\": 5}", api.admin());

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().path("type").asText()).endsWith("/validation");
    assertThat(invalid.body().path("errors").toString())
        .contains(
            "\"field\":\"username\"",
            "\"field\":\"password\"",
            "unknown role 'NO_SUCH_ROLE'",
            "\"field\":\"shops\"");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().path("type").asText()).endsWith("/malformed-body");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("detail").asText()).contains("roles");
  }

  private Answer createUser(
      final Caller caller, final List<String> roles, final List<String> shops) {
    return api.post(
        "/api/users",
        Map.of(
            "username",
            "t-esc-" + System.nanoTime(),
            "password",
            "long-enough-password",
            "roles",
            roles,
            "shops",
            shops),
        caller);
  }
}
