package io.pinflow.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PinflowIntegrationTest
class AuditTrailTest {

  @Autowired TestApi api;
  @Autowired JdbcClient jdbc;

  @Test
  void failedSignInsAndDenialsAreAuditedWithoutTheSecret() {
    final String password = "wrong-" + System.nanoTime();
    final Answer failed = api.get("/api/shops", Caller.user("t-nobody", password));
    final Caller analyst = api.userWithRole("ANALYST");
    final Answer denied = api.post("/api/shops", Map.of("shopId", "x", "name", "x"), analyst);

    assertThat(failed.status()).isEqualTo(401);
    assertThat(failed.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(failed.body().path("type").asText()).endsWith("/unauthorized");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.body().path("type").asText()).endsWith("/forbidden");

    final JsonNode signIn = latest("t-nobody", "auth.failed");
    assertThat(signIn.path("outcome").asText()).isEqualTo("DENIED");
    assertThat(signIn.path("sourceAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(signIn.toString()).doesNotContain(password);
    final JsonNode denial = latest(analyst.username(), "access.denied");
    assertThat(denial.path("targetKey").asText()).isEqualTo("POST /api/shops");
  }

  @Test
  void stateChangesAreAuditedWithTargetShopAndOutcome() {
    final String shopId = "audit-shop-" + System.nanoTime();
    api.post("/api/shops", Map.of("shopId", shopId, "name", "Audited"), api.admin());
    api.post("/api/shops", Map.of("shopId", shopId, "name", "Again"), api.admin());

    final Answer entries = api.get("/api/audit?actor=admin&action=shop.create&size=2", api.admin());

    final JsonNode items = entries.body().path("items");
    assertThat(items.get(0).path("targetKey").asText()).isEqualTo(shopId);
    assertThat(items.get(0).path("outcome").asText()).isEqualTo("REJECTED");
    assertThat(items.get(0).path("detail").asText()).contains("409");
    assertThat(items.get(1).path("targetKey").asText()).isEqualTo(shopId);
    assertThat(items.get(1).path("shopId").asText()).isEqualTo(shopId);
    assertThat(items.get(1).path("outcome").asText()).isEqualTo("SUCCESS");
    assertThat(items.get(0).path("id").asLong()).isGreaterThan(items.get(1).path("id").asLong());
  }

  @Test
  void theAuditLogIsSearchableByTimeAndPaged() {
    final OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    api.post(
        "/api/shops",
        Map.of("shopId", "audit-time-" + System.nanoTime(), "name", "t"),
        api.admin());
    final String from = before.toString().replace("+", "%2B");

    final Answer recent = api.get("/api/audit?action=shop.create&from=" + from, api.admin());
    final Answer none =
        api.get("/api/audit?action=shop.create&to=2000-01-01T00:00:00Z", api.admin());
    final Answer tooBig = api.get("/api/audit?size=1000000", api.admin());
    final Answer badTime = api.get("/api/audit?from=yesterday", api.admin());
    final Answer noPermission = api.get("/api/audit", api.userWithRole("OPS"));

    assertThat(recent.body().path("total").asLong()).isPositive();
    assertThat(none.body().path("total").asLong()).isZero();
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(noPermission.status()).isEqualTo(403);
  }

  @Test
  void writtenEntriesCannotBeChangedOrDeleted() {
    api.get("/api/shops", Caller.user("t-nobody", "x"));
    final long id = jdbc.sql("SELECT MAX(id) FROM audit_log").query(Long.class).single();

    assertThatThrownBy(
            () -> jdbc.sql("UPDATE audit_log SET actor = 'x' WHERE id = ?").param(id).update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log WHERE id = ?").param(id).update())
        .hasMessageContaining("append-only");
  }

  @Test
  void aReaderLimitedToShopsSeesOnlyTheirEntries() {
    final String mine = api.ensureShop("audit-mine");
    final String other = api.ensureShop("audit-other");
    api.post(
        "/api/roles", Map.of("name", "AUDITOR", "permissions", List.of("audit:read")), api.admin());
    final Caller auditor = api.ensureUser("t-shop-auditor", List.of("AUDITOR"), List.of(mine));

    final Answer seen = api.get("/api/audit?action=shop.create&size=200", auditor);

    assertThat(seen.status()).isEqualTo(200);
    seen.body().path("items").forEach(e -> assertThat(e.path("shopId").asText()).isEqualTo(mine));
    assertThat(seen.raw()).doesNotContain(other);
  }

  private JsonNode latest(final String actor, final String action) {
    return api.get("/api/audit?actor=" + actor + "&action=" + action + "&size=1", api.admin())
        .body()
        .path("items")
        .get(0);
  }
}
