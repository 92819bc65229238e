package io.pinflow.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard page rendered by a real browser: headless Chromium, driven by {@code
 * src/test/browser/render-dashboard.mjs} (playwright-core), signs in with HTTP Basic, waits until
 * the page has drawn its charts and reports what it shows. The figures are compared with the report
 * endpoints for the same range.
 *
 * <p>Needs Node.js 20+ on PATH, Chromium at {@code /usr/bin/chromium} and {@code npm ci --prefix
 * api/src/test/browser}; {@code .ci/run} provides all three. Without them the test fails.
 */
@PinflowIntegrationTest
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String SCRIPT = "src/test/browser/render-dashboard.mjs";
  private static final String CHART_JS = "/webjars/chart.js/4.4.1/dist/chart.umd.js";
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SERIAL =
      new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

  @LocalServerPort int port;
  @Autowired TestApi api;
  @Autowired TestOrders orders;

  @Test
  void theDashboardAndItsChartLibraryNeedASignIn() {
    final Answer page = api.get("/dashboard", Caller.anonymous());
    final Answer library = api.get(CHART_JS, Caller.anonymous());

    assertThat(page.status()).isEqualTo(401);
    assertThat(page.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(library.status()).isEqualTo(401);
    assertThat(api.get(CHART_JS, api.admin()).status()).isEqualTo(200);
    assertThat(api.get("/dashboard/dashboard.js", api.admin()).status()).isEqualTo(200);
  }

  @Test
  void theDashboardChartsTheReportsOfTheLastThirtyDays() throws Exception {
    final Path module = requireBrowserTooling();
    final String first = orders.sku(100);
    final String second = orders.sku(100);
    final List<String> placed = new ArrayList<>();
    placed.add(order(first, 2, 0));
    placed.add(order(second, 1, 0));
    placed.add(order(first, 3, 1));
    placed.add(order(second, 2, 2));
    placed.add(order(first, 1, 3));
    placed.add(order(second, 4, 3));
    placed.forEach(orderSn -> orders.awaitStatus(orderSn, "COMPLETED"));
    final String returned = afterSales(placed.get(0), "RETURN_REFUND", "NOT_AS_DESCRIBED", 5_000);
    final String exchanged = afterSales(placed.get(2), "EXCHANGE", "WRONG_ITEM", 2_500);
    // a refund after shipment waits for customer service: it stays open
    afterSales(placed.get(3), "REFUND_ONLY", "CHANGED_MIND", 2_500);
    awaitAfterSales(returned, "REFUNDED");
    awaitAfterSales(exchanged, "RESHIPPED");

    final Rendered rendered =
        render(module, "admin", TestApi.ADMIN_PASSWORD, module.resolve("target/dashboard.png"));

    assertThat(rendered.exitCode()).as(rendered.describe()).isZero();
    final JsonNode shown = rendered.json();
    assertThat(shown.path("errors")).as(rendered.describe()).isEmpty();
    assertThat(shown.path("state").asText()).isEqualTo("ok");
    final JsonNode charts = shown.path("charts");
    final String range =
        "from="
            + shown.path("range").path("from").asText()
            + "&to="
            + shown.path("range").path("to").asText();
    final JsonNode byDay = report("/api/reports/fulfilment?groupBy=day&" + range);
    final JsonNode byReason = report("/api/reports/after-sales?groupBy=reason&" + range);
    final long ordersInRange = sum(byDay, "orders");
    final long gmvInRange = sum(byDay, "gmvFen");
    assertThat(charts.path("orders-gmv-by-day").asInt())
        .isPositive()
        .isEqualTo(count(byDay, "orders"));
    assertThat(charts.path("top-skus-by-gmv").asInt()).isBetween(1, 10);
    assertThat(charts.path("after-sales-by-reason").asInt()).isEqualTo(count(byReason, "cases"));
    assertThat(labels(shown, "after-sales-by-reason"))
        .contains("Not as described", "Wrong item", "Changed mind");
    assertThat(charts.path("fulfilment-by-shop").asInt()).isPositive();
    assertThat(labels(shown, "fulfilment-by-shop")).contains("demo-shop");
    final JsonNode headline = shown.path("headline");
    assertThat(headline.path("orders").asText().replaceAll("[^0-9]", ""))
        .isEqualTo(Long.toString(ordersInRange));
    assertThat(ordersInRange).isGreaterThanOrEqualTo(placed.size());
    assertThat(headline.path("gmv").asText())
        .isEqualTo(String.format(Locale.ROOT, "¥%,d.%02d", gmvInRange / 100, gmvInRange % 100));
    assertThat(module.resolve("target/dashboard.png")).isRegularFile();
    assertThat(Files.size(module.resolve("target/dashboard.png"))).isGreaterThan(20 * 1024);
  }

  @Test
  void withoutReportReadThePageExplainsWhatIsMissing() throws Exception {
    final Path module = requireBrowserTooling();
    final Caller warehouse = api.userWithRole("WAREHOUSE");

    final Rendered rendered =
        render(
            module,
            warehouse.username(),
            warehouse.password(),
            module.resolve("target/dashboard-forbidden.png"));

    assertThat(rendered.exitCode()).as(rendered.describe()).isEqualTo(1);
    assertThat(rendered.json().path("state").asText()).isEqualTo("error");
    assertThat(rendered.json().path("messages").toString()).contains("report:read");
    assertThat(rendered.json().path("headline").path("orders").asText()).isEqualTo("–");
  }

  // ------------------------------------------------------------------ data

  /** An order through the API confirmed {@code daysAgo} days before now (China time). */
  private String order(final String sku, final int quantity, final int daysAgo) {
    final String orderSn = TestOrders.newOrderSn();
    final Map<String, Object> body = new HashMap<>(TestOrders.body(orderSn, sku, quantity));
    body.put(
        "confirmTime",
        OffsetDateTime.now(SHANGHAI)
            .minusDays(daysAgo)
            .minusHours(1)
            .truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    final Answer created = api.post("/api/orders", body, api.admin());
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    return orderSn;
  }

  private String afterSales(
      final String orderSn, final String type, final String reason, final long amountFen) {
    final String afterSalesId = "AS-DB-" + SERIAL.incrementAndGet();
    final Answer opened =
        api.post(
            "/api/after-sales",
            Map.of(
                "shopId", "demo-shop",
                "afterSalesId", afterSalesId,
                "orderSn", orderSn,
                "type", type,
                "reason", reason,
                "refundAmountFen", amountFen),
            api.admin());
    assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
    return afterSalesId;
  }

  private void awaitAfterSales(final String afterSalesId, final String status) {
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                api.get("/api/after-sales/" + afterSalesId, api.admin())
                    .body()
                    .path("status")
                    .asText(),
            status::equals);
  }

  private JsonNode report(final String path) {
    final Answer answer = api.get(path, api.admin());
    assertThat(answer.status()).as(path + ": " + answer.raw()).isEqualTo(200);
    assertThat(answer.body().isArray()).as(answer.raw()).isTrue();
    return answer.body();
  }

  private static long sum(final JsonNode rows, final String field) {
    long total = 0;
    for (final JsonNode row : rows) {
      total += row.path(field).asLong();
    }
    return total;
  }

  /** Rows with a positive {@code field}: what a chart draws as points. */
  private static int count(final JsonNode rows, final String field) {
    int points = 0;
    for (final JsonNode row : rows) {
      points += row.path(field).asLong() > 0 ? 1 : 0;
    }
    return points;
  }

  private static List<String> labels(final JsonNode shown, final String chart) {
    final List<String> labels = new ArrayList<>();
    shown.path("labels").path(chart).forEach(label -> labels.add(label.asText()));
    return labels;
  }

  // ------------------------------------------------------------------ the browser

  record Rendered(int exitCode, JsonNode json, String stdout, String stderr) {

    String describe() {
      return "render-dashboard.mjs exited "
          + exitCode
          + "\nstdout: "
          + stdout
          + "\nstderr: "
          + stderr;
    }
  }

  /** The api module's folder (the tests' working directory under Maven). */
  private static Path moduleDir() {
    final Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve(SCRIPT)) ? here : here.resolve("api");
  }

  /** Fails, saying how to install it, when Chromium, Node.js or playwright-core is missing. */
  private static Path requireBrowserTooling() {
    final Path module = moduleDir();
    assertThat(Files.isExecutable(CHROMIUM))
        .as(
            "The dashboard test needs Chromium at %s. Install it with `apt-get install -y"
                + " --no-install-recommends chromium` (Debian/Ubuntu); .ci/run does this in CI.",
            CHROMIUM)
        .isTrue();
    try {
      final Process version =
          new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      final String answer =
          new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0)
          .as("`node --version` failed: %s", answer)
          .isTrue();
    } catch (final IOException | InterruptedException missing) {
      fail(
          "The dashboard test needs Node.js 20+ as `node` on PATH (e.g. `apt-get install -y nodejs"
              + " npm`, or https://nodejs.org), then `npm ci --prefix api/src/test/browser`.",
          missing);
    }
    assertThat(module.resolve("src/test/browser/node_modules/playwright-core"))
        .as(
            "playwright-core is not installed for the dashboard test: run `npm ci --prefix"
                + " api/src/test/browser` (.ci/run does this in CI)")
        .isDirectory();
    return module;
  }

  private Rendered render(
      final Path module, final String user, final String password, final Path screenshot)
      throws Exception {
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);
    final Path log = screenshot.resolveSibling(screenshot.getFileName() + ".log");
    final Process process =
        new ProcessBuilder(
                "node",
                SCRIPT,
                "http://localhost:" + port,
                user,
                password,
                module.relativize(screenshot).toString())
            .directory(module.toFile())
            .redirectError(log.toFile())
            .start();
    final CompletableFuture<String> stdout =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (final IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("render-dashboard.mjs did not finish within 2 minutes; its log: " + log);
    }
    final String out = stdout.get(30, TimeUnit.SECONDS);
    final String err = Files.readString(log);
    final String line = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
    final Rendered rendered =
        new Rendered(process.exitValue(), line == null ? null : JSON.readTree(line), out, err);
    assertThat(rendered.json())
        .as("no JSON line from the script; %s", rendered.describe())
        .isNotNull();
    return rendered;
  }
}
