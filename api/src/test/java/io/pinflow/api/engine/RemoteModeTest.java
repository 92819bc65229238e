package io.pinflow.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.pinflow.PinflowApplication;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import io.pinflow.embedded.EmbeddedRuntime;
import io.pinflow.embedded.FreePorts;
import io.pinflow.embedded.StandaloneServers;
import io.pinflow.embedded.database.EmbeddedMariaDb;
import io.pinflow.embedded.engine.EmbeddedEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.MediaType;

/**
 * Remote mode end to end, as far as one machine allows: the database server (MariaDB) and the Zeebe
 * engine run in a JVM of their own ({@link StandaloneServers}), the application in remote mode
 * reaches the engine over gRPC and the database over JDBC, with nothing embedded, and the built-in
 * PDD and WMS simulators stand in for the real platforms ({@code pinflow.simulator.enabled}). An
 * integration registers a shop, imports a SKU with stock and places an order, which completes.
 *
 * <p>Not {@code @PinflowIntegrationTest}: that one is embedded mode. The application is started
 * here, in this JVM, without the test sources' beans.
 */
class RemoteModeTest {

  private static final Pattern READY =
      Pattern.compile("READY engine=(?<engine>\\S+) rest=(?<rest>\\S+) db=(?<db>\\S+)");
  private static final String SHOP = "remote-shop";
  private static final String ADMIN_PASSWORD = "remote-admin-password";

  private static Process servers;
  private static Path serversLog;
  private static String engineAddress;
  private static String engineRestAddress;
  private static String jdbcUrl;
  private static String schema;
  private static ConfigurableApplicationContext app;
  private static TestApi api;

  @BeforeAll
  static void startServersAndApplication() throws Exception {
    final Path dataDir =
        Path.of(System.getProperty("pinflow.embedded.data-dir", "target/test-data") + "-standalone")
            .toAbsolutePath();
    Files.createDirectories(dataDir);
    serversLog = dataDir.resolve("standalone-servers.log");
    // a schema of its own per run: the folder (and its MariaDB) is kept between runs
    schema = "pinflow_remote_" + Long.toString(System.currentTimeMillis(), 36);
    servers = startServers(dataDir);
    final Matcher ready = READY.matcher(awaitReady());
    assertThat(ready.matches()).isTrue();
    engineAddress = ready.group("engine");
    engineRestAddress = ready.group("rest");
    jdbcUrl = ready.group("db");

    final int port = FreePorts.find();
    final String self = "http://127.0.0.1:" + port;
    final byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    app =
        new SpringApplicationBuilder(PinflowApplication.class)
            .initializers(
                context ->
                    context
                        .getBeanFactory()
                        .registerSingleton("remoteModeTestExcludes", new TestSourcesExcluded()))
            // command-line arguments: above the system properties a test run may set
            .run(
                "--pinflow.mode=remote",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=root",
                "--spring.datasource.password=",
                "--camunda.client.mode=self-managed",
                "--camunda.client.grpc-address=http://" + engineAddress,
                "--camunda.client.rest-address=" + engineRestAddress,
                "--camunda.client.prefer-rest-over-grpc=false",
                "--camunda.client.auth.method=none",
                "--pinflow.security.secret-key=" + Base64.getEncoder().encodeToString(key),
                "--pinflow.admin-password=" + ADMIN_PASSWORD,
                "--pinflow.simulator.enabled=true",
                "--pinflow.pdd.router-url=" + self + "/simulator/pdd/router",
                "--pinflow.pdd.access-token-template=sim-token-{shopId}",
                "--pinflow.pdd.return-address-id=1",
                "--pinflow.wms.base-url=" + self + "/simulator/wms",
                "--pinflow.erp.inbox=" + dataDir.resolve("erp-inbox"),
                // the tests' pace (application-test.yml)
                "--pinflow.pdd.sync.interval=300",
                "--pinflow.pdd.sync.lag=PT1S",
                "--pinflow.workers.retry.base-backoff=200ms",
                "--pinflow.simulator.wms.ship-delay=PT0.5S",
                "--pinflow.simulator.pdd.deliver-delay=PT0.5S",
                "--camel.main.shutdown-timeout=2");
    api = new TestApi(new TestRestTemplate(new RestTemplateBuilder().rootUri(self)));
  }

  @AfterAll
  static void stopApplicationAndServers() throws Exception {
    if (app != null) {
      app.close();
      dropSchema();
    }
    if (servers != null) {
      stop(servers);
    }
  }

  @Test
  void anOrderCompletesWithTheEngineAndTheDatabaseOutsideTheApplication() {
    assertRemoteMode();

    // an integration: a shop with its PDD credentials, the ERP's product and stock, an order
    final Caller admin = Caller.user("admin", ADMIN_PASSWORD);
    final Answer shop =
        api.post(
            "/api/shops",
            Map.of(
                "shopId",
                SHOP,
                "name",
                "Remote shop",
                "clientId",
                "remote-client",
                "clientSecret",
                "remote-client-secret-0123456789"),
            admin);
    assertThat(shop.status()).as(shop.raw()).isEqualTo(201);
    assertThat(shop.body().path("simulated").asBoolean()).isFalse();
    final Answer issued =
        api.post(
            "/api/api-keys",
            Map.of("name", "remote-erp", "roles", List.of("INTEGRATION"), "shops", List.of("*")),
            admin);
    assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
    final Caller integration = Caller.key(issued.body().path("key").asText());

    final String sku = "RM-" + Long.toString(System.nanoTime(), 36).toUpperCase();
    final Answer products =
        api.upload(
            "/integrations/erp/products",
            "outerGoodsId,outerSkuId,title,categoryId,spec,costFen,priceFen,images,listOnShop\n"
                + "RM-TEE,"
                + sku
                + ",Remote tee,1001,one size,1000,2500,,\n",
            new MediaType("text", "csv"),
            integration);
    assertThat(products.status()).as(products.raw()).isEqualTo(201);
    final Answer stock =
        api.upload(
            "/integrations/erp/stock",
            "outerSkuId,onHand\n" + sku + ",10\n",
            new MediaType("text", "csv"),
            integration);
    assertThat(stock.status()).as(stock.raw()).isEqualTo(201);

    final String orderSn = TestOrders.newOrderSn();
    final Map<String, Object> body = new HashMap<>(TestOrders.body(orderSn, sku, 2));
    body.put("shopId", SHOP);
    final Answer placed = api.post("/api/orders", body, integration);
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);

    final JsonNode order =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> api.get("/api/orders/" + orderSn, integration).body(),
                o -> o != null && "COMPLETED".equals(o.path("status").asText()));
    assertThat(order.path("shopId").asText()).isEqualTo(SHOP);
    final List<String> timeline = new ArrayList<>();
    api.get("/api/orders/" + orderSn + "/timeline", integration)
        .body()
        .forEach(entry -> timeline.add(entry.path("type").asText()));
    assertThat(timeline).containsSubsequence("SENT_TO_WMS", "SHIPPED", "COMPLETED");
    // the tracking number reached the simulated PDD through the signed router call
    final JsonNode uploads =
        api.get("/simulator/pdd/shipments/" + orderSn, Caller.anonymous()).body();
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).path("tracking_number").asText()).isNotBlank();
  }

  /** Nothing embedded in the context; the client and the pool point at the other JVM. */
  private static void assertRemoteMode() {
    assertThat(app.getBeanNamesForType(EmbeddedEngine.class)).isEmpty();
    assertThat(app.getBeanNamesForType(EmbeddedMariaDb.class)).isEmpty();
    assertThat(app.getBeanNamesForType(EmbeddedRuntime.class)).isEmpty();
    assertThat(app.getBean(CamundaClient.class).getConfiguration().getGrpcAddress())
        .isEqualTo(URI.create("http://" + engineAddress));
    assertThat(app.getBean(DataSource.class))
        .isInstanceOfSatisfying(
            HikariDataSource.class, pool -> assertThat(pool.getJdbcUrl()).isEqualTo(jdbcUrl));
    final JsonNode health = api.get("/actuator/health", Caller.anonymous()).body();
    assertThat(health.path("components").path("camundaClient").path("status").asText())
        .as("%s", health)
        .isEqualTo("UP");
    assertThat(health.path("components").path("db").path("status").asText())
        .as("%s", health)
        .isEqualTo("UP");
    assertThat(servers.isAlive()).isTrue();
  }

  private static Process startServers(final Path dataDir) throws IOException {
    final List<String> command =
        List.of(
            ProcessHandle.current().info().command().orElseThrow(),
            "-cp",
            System.getProperty("java.class.path"),
            StandaloneServers.class.getName(),
            "--data-dir=" + dataDir,
            "--engine-port=0",
            "--engine-rest-port=0",
            "--database-port=0",
            "--schema=" + schema,
            "--stop-when-stdin-closes");
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.to(serversLog.toFile()))
        .start();
  }

  /** The READY line, read from the servers' standard output, which is then drained. */
  private static String awaitReady() throws Exception {
    final CompletableFuture<String> ready = new CompletableFuture<>();
    final Thread reader =
        new Thread(
            () -> {
              try (var lines =
                  new BufferedReader(
                      new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("READY ")) {
                    ready.complete(line);
                  }
                }
              } catch (final IOException closed) {
                // the process ended
              }
              ready.completeExceptionally(new IllegalStateException("exited before READY"));
            },
            "standalone-servers-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(60, TimeUnit.SECONDS);
    } catch (final Exception e) {
      throw new IllegalStateException(
          "StandaloneServers did not report READY within 60 s ("
              + (servers.isAlive() ? "still running" : "exit " + servers.exitValue())
              + "); its log "
              + serversLog
              + " ends with:\n"
              + tail(serversLog),
          e);
    }
  }

  private static String tail(final Path log) throws IOException {
    final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Closing its standard input stops it cleanly; signals if it does not. */
  private static void stop(final Process process) throws Exception {
    final List<ProcessHandle> children = process.descendants().toList();
    process.getOutputStream().close();
    if (process.waitFor(30, TimeUnit.SECONDS)) {
      return;
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void dropSchema() {
    try (var connection =
            DriverManager.getConnection(jdbcUrl.replace("/" + schema + "?", "/?"), "root", "");
        var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + schema);
    } catch (final Exception e) {
      // the next run uses a schema of its own anyway
    }
  }

  /**
   * The application as shipped: the components of the test sources (test helpers that need a Spring
   * Boot test context, test workers) are left out of its component scan.
   */
  static final class TestSourcesExcluded extends TypeExcludeFilter {

    private static final URL TEST_CLASSES =
        RemoteModeTest.class.getProtectionDomain().getCodeSource().getLocation();

    @Override
    public boolean match(final MetadataReader reader, final MetadataReaderFactory factory)
        throws IOException {
      return reader.getResource().getURL().toString().startsWith(TEST_CLASSES.toString());
    }

    @Override
    public boolean equals(final Object other) {
      return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
      return getClass().hashCode();
    }
  }
}
