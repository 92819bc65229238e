package io.pinflow.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.testing.PinflowProcess;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import io.pinflow.embedded.FreePorts;
import io.pinflow.embedded.database.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Restart safety of embedded mode (reliability case 19). Pinflow runs as a process of its own on a
 * data folder of its own; orders, after-sales cases, listings and campaigns are brought into many
 * states, Pinflow is killed ({@code kill -9}), started again, killed again soon after, and started
 * a third time on the same folder. Twice over: with the engine's state and log resumed from the
 * folder (the default), every instance goes on where it was and nothing is re-driven; with an
 * engine that starts empty ({@code pinflow.embedded.engine.resume=false}, as after a folder that
 * cannot be resumed), every object unfinished at a kill is re-driven once per start. Either way the
 * tasks people had open come back under their ids, and in the end everything finishes with each
 * effect once: one delivery order, one shipment and one tracking upload per order, the stock ledger
 * balanced, each refund, return and replacement once, each goods and promotion once on PDD.
 *
 * <p>Slow (about seven minutes): run with {@code ./mvnw -B -Preliability -pl api -am verify}.
 */
@Tag("reliability")
class RestartRedriveTest {

  private static final Logger LOG = LoggerFactory.getLogger(RestartRedriveTest.class);
  private static final String SHOP = "demo-shop";
  private static final String RUN =
      Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36).toUpperCase();
  private static final String SKU_ORDERS = "RR" + RUN + "-ORD";
  private static final String SKU_SHORT = "RR" + RUN + "-SHORT";
  private static final List<String> SKU_CAMPAIGN =
      List.of("RR" + RUN + "-C1", "RR" + RUN + "-C2", "RR" + RUN + "-C3");
  private static final String SKU_REVIEWED = "RR" + RUN + "-REV";
  private static final String SKU_FIXED = "RR" + RUN + "-FIX";
  private static final String SKU_LATE = "RR" + RUN + "-LATE";
  private static final int STOCK_ORDERS = 500;
  private static final int STOCK_CAMPAIGN = 200;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Set<String> FINAL_ORDER = Set.of("COMPLETED", "CANCELLED");
  private static final Set<String> FINAL_CASE =
      Set.of("REFUNDED", "RESHIPPED", "REJECTED", "CLOSED");

  private PinflowProcess pinflow;
  private TestApi api;
  private JdbcClient db;
  private Caller ops;
  private Caller lead;
  private Caller finance;
  private Caller service;

  /** What an order is, and how it must end. */
  private record PlacedOrder(String orderSn, String sku, int quantity, String expected) {}

  private final Map<String, PlacedOrder> orders = new LinkedHashMap<>();
  private final Map<String, String> casesExpected = new LinkedHashMap<>();
  private final Map<String, String> caseTypes = new LinkedHashMap<>();
  private final Map<String, String> caseOrders = new LinkedHashMap<>();
  private final Map<String, String> listings = new LinkedHashMap<>();
  private final Map<String, String> campaignsExpected = new LinkedHashMap<>();
  private final Map<String, String> figures = new LinkedHashMap<>();

  @AfterEach
  void stopPinflow() throws InterruptedException {
    if (pinflow != null) {
      pinflow.stop();
    }
  }

  @ParameterizedTest(name = "engine state resumed: {0}")
  @ValueSource(booleans = {true, false})
  void everythingUnfinishedAtAKillFinishesExactlyOnceAfterTwoRestarts(final boolean resume)
      throws Exception {
    final long testStarted = System.nanoTime();
    final Path dataDir =
        Path.of("target", "restart-redrive", "data-" + RUN + (resume ? "-resumed" : "-redriven"))
            .toAbsolutePath()
            .normalize();
    Files.createDirectories(dataDir.getParent());
    final int port = FreePorts.find();
    final int databasePort = FreePorts.find();
    pinflow =
        new PinflowProcess(
            dataDir,
            port,
            List.of(
                "--pinflow.embedded.engine.port=0",
                "--pinflow.embedded.engine.rest-port=0",
                "--pinflow.embedded.database.port=" + databasePort,
                "--pinflow.admin-password=" + TestApi.ADMIN_PASSWORD,
                "--pinflow.pdd.sync.interval=500",
                "--pinflow.pdd.sync.lag=PT1S",
                "--pinflow.listing.platform-poll-interval=PT1S",
                "--pinflow.simulator.pdd.review-delay=PT2S",
                "--pinflow.tasks.sweep-interval=2s",
                "--pinflow.workers.retry.base-backoff=200ms",
                "--pinflow.stock-push.settle=PT0.3S",
                "--camel.main.shutdown-timeout=2",
                "--pinflow.embedded.engine.resume=" + resume,
                // jobs a killed run's workers held come back once their time is up
                "--camunda.client.worker.defaults.timeout=PT15S"));
    api = new TestApi(new TestRestTemplate(new RestTemplateBuilder().rootUri(pinflow.baseUrl())));
    db =
        JdbcClient.create(
            new DriverManagerDataSource(
                EmbeddedMariaDb.jdbcUrl(databasePort, "pinflow"), "root", ""));

    // ---- run 1: the warehouse, the buyers' deliveries and the return parcels take an hour
    figures.put("start 1", pinflow.start(slowOutside("PT1H", "PT1H", "PT1H")).toSeconds() + " s");
    callersAndCatalogue();
    listingsInEveryState();
    campaignsInEveryState();
    ordersAndCasesInEveryState();
    // the campaign that started meanwhile runs on PDD
    awaitStatus(
        "campaigns",
        campaignsExpected.keySet().stream().skip(1).findFirst().orElseThrow(),
        "ACTIVE");
    burstThenKill();

    final Map<String, Set<String>> unfinished1 = unfinished();
    final Map<String, String> openTasks1 = openTasks();
    figures.put("unfinished at kill 1", counts(unfinished1));
    figures.put("open tasks at kill 1", Integer.toString(openTasks1.size()));
    assertThat(openTasks1).hasSizeGreaterThanOrEqualTo(9);

    // ---- run 2: the same folder; the warehouse still slow, deliveries and returns quick
    figures.put("start 2", pinflow.start(slowOutside("PT1H", "PT2S", "PT2S")).toSeconds() + " s");
    assertWentOn(resume, unfinished1);
    assertTasksCameBack(openTasks1);
    // cancellations of orders the re-drive left waiting at the warehouse
    final List<String> cancelled = cancelTwoOrdersAtTheWarehouse();
    Thread.sleep(4_000);
    pinflow.kill();

    final Map<String, Set<String>> unfinished2 = unfinished();
    final Map<String, String> openTasks2 = openTasks();
    figures.put("unfinished at kill 2", counts(unfinished2));
    figures.put("open tasks at kill 2", Integer.toString(openTasks2.size()));

    // ---- run 3: everything outside quick; people finish their tasks
    figures.put("start 3", pinflow.start(slowOutside("PT1S", "PT2S", "PT1S")).toSeconds() + " s");
    assertWentOn(resume, unfinished2);
    assertTasksCameBack(openTasks2);
    assertThat(openTasks2.keySet()).containsAll(openTasks1.keySet());
    for (final String orderSn : cancelled) {
      await("cancellation of " + orderSn)
          .atMost(WAIT)
          .until(() -> status("orders", orderSn), "CANCELLED"::equals);
    }
    peopleFinishTheirTasks(openTasks1);

    awaitEverythingFinished();
    delistEverythingListed();
    final long seconds = Duration.ofNanos(System.nanoTime() - testStarted).toSeconds();
    figures.put("objects", objects());
    figures.put("whole test", seconds + " s");

    assertEachEffectOnce();
    assertStockBalanced();
    assertNothingLeftBehind();
    LOG.info("Restart re-drive figures: {}", figures);
  }

  // ---- setting the scene

  private static List<String> slowOutside(
      final String shipDelay, final String deliverDelay, final String returnDelay) {
    return List.of(
        "--pinflow.simulator.wms.ship-delay=" + shipDelay,
        "--pinflow.simulator.pdd.deliver-delay=" + deliverDelay,
        "--pinflow.simulator.buyer.return-delay=" + returnDelay);
  }

  private void callersAndCatalogue() {
    ops = api.ensureUser("rr-ops", List.of("OPS"), List.of("*"));
    lead = api.ensureUser("rr-lead", List.of("OPS_LEAD"), List.of("*"));
    finance = api.ensureUser("rr-finance", List.of("FINANCE"), List.of("*"));
    service = api.ensureUser("rr-service", List.of("CUSTOMER_SERVICE"), List.of("*"));
    final Answer key =
        api.post(
            "/api/api-keys",
            Map.of("name", "rr-erp", "roles", List.of("INTEGRATION"), "shops", List.of("*")),
            api.admin());
    assertThat(key.status()).as(key.raw()).isEqualTo(201);
    final Caller erp = Caller.key(key.body().path("key").asText());
    final StringBuilder products =
        new StringBuilder(
            "outerGoodsId,outerSkuId,title,categoryId,spec,costFen,priceFen,images,listOnShop\n");
    final StringBuilder stock = new StringBuilder("outerSkuId,onHand\n");
    final Map<String, Integer> onHand = new LinkedHashMap<>();
    onHand.put(SKU_ORDERS, STOCK_ORDERS);
    onHand.put(SKU_SHORT, 0);
    SKU_CAMPAIGN.forEach(sku -> onHand.put(sku, STOCK_CAMPAIGN));
    onHand.put(SKU_REVIEWED, 50);
    onHand.put(SKU_FIXED, 50);
    onHand.put(SKU_LATE, 50);
    onHand.forEach(
        (sku, quantity) -> {
          products
              .append("G-")
              .append(sku)
              .append(',')
              .append(sku)
              .append(",Goods ")
              .append(sku)
              .append(",1001,one size,1000,2500,,\n");
          stock.append(sku).append(',').append(quantity).append('\n');
        });
    final MediaType csv = new MediaType("text", "csv");
    assertThat(api.upload("/integrations/erp/products", products.toString(), csv, erp).status())
        .isEqualTo(201);
    assertThat(api.upload("/integrations/erp/stock", stock.toString(), csv, erp).status())
        .isEqualTo(201);
  }

  private String submitListing(final String sku, final long categoryId) {
    final Answer submitted =
        api.post(
            "/api/listings",
            Map.of(
                "shopId",
                SHOP,
                "outerGoodsId",
                "G-" + sku,
                "title",
                "Cotton goods " + sku,
                "categoryId",
                categoryId,
                "images",
                List.of("https://img.example.com/" + sku + ".jpg"),
                "skus",
                List.of(
                    Map.of(
                        "outerSkuId", sku, "spec", "one size", "priceFen", 2500, "quantity", 50))),
            ops);
    assertThat(submitted.status()).as(submitted.raw()).isEqualTo(202);
    final String listingId = submitted.body().path("listingId").asText();
    listings.put(listingId, sku);
    return listingId;
  }

  /** Listed (campaign SKUs), in review with a task, rejected by the platform with a fix task. */
  private void listingsInEveryState() {
    final List<String> listed = SKU_CAMPAIGN.stream().map(sku -> submitListing(sku, 1001)).toList();
    // a restricted category: an operations lead reviews it
    final String reviewed = submitListing(SKU_REVIEWED, 9314);
    final Answer rejectNext =
        api.post(
            "/simulator/pdd/goods/review-outcomes",
            Map.of(
                "outerGoodsId",
                "G-" + SKU_FIXED,
                "outcomes",
                List.of(Map.of("approve", false, "reason", "主图含有水印"))),
            Caller.anonymous());
    assertThat(rejectNext.status()).as(rejectNext.raw()).isEqualTo(200);
    final String fixed = submitListing(SKU_FIXED, 1001);

    listed.forEach(id -> awaitStatus("listings", id, "LISTED"));
    awaitStatus("listings", reviewed, "IN_REVIEW");
    awaitStatus("listings", fixed, "NEEDS_FIX");
    api.awaitTask(lead, reviewed, "Review listing");
    api.awaitTask(ops, fixed, "Fix and resubmit listing");
  }

  private String submitCampaign(
      final String sku, final long priceFen, final Duration toStart, final Duration runs) {
    final OffsetDateTime start =
        OffsetDateTime.now(ZoneOffset.ofHours(8)).plus(toStart).withNano(0);
    final Answer submitted =
        api.post(
            "/api/campaigns",
            Map.of(
                "shopId",
                SHOP,
                "name",
                "Restart " + sku,
                "startTime",
                start.toString(),
                "endTime",
                start.plus(runs).toString(),
                "items",
                List.of(Map.of("outerSkuId", sku, "activityPriceFen", priceFen, "quantity", 10))),
            ops);
    assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
    return submitted.body().path("campaignId").asText();
  }

  private JsonNode decide(
      final Caller caller,
      final String businessKey,
      final String taskName,
      final Map<String, Object> variables) {
    final JsonNode task = api.awaitTask(caller, businessKey, taskName);
    final Answer done =
        api.post(
            "/api/tasks/" + task.path("taskId").asText() + "/complete",
            Map.of("variables", variables),
            caller);
    assertThat(done.status()).as(done.raw()).isEqualTo(200);
    return task;
  }

  /** In approval (finance to decide), active, scheduled, sent back for revision. */
  private void campaignsInEveryState() {
    // 20 % off: the operations lead, then finance; finance decides only after the restarts
    final String halfApproved =
        submitCampaign(SKU_CAMPAIGN.get(0), 2000, Duration.ofSeconds(100), Duration.ofSeconds(60));
    final String active =
        submitCampaign(SKU_CAMPAIGN.get(1), 2250, Duration.ofSeconds(25), Duration.ofSeconds(120));
    final String scheduled =
        submitCampaign(SKU_CAMPAIGN.get(2), 2250, Duration.ofSeconds(60), Duration.ofSeconds(60));
    final OffsetDateTime later = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).withNano(0);
    final Answer sentBack =
        api.post(
            "/api/campaigns",
            Map.of(
                "shopId",
                SHOP,
                "name",
                "Restart later",
                "startTime",
                later.toString(),
                "endTime",
                later.plusDays(1).toString(),
                "items",
                List.of(
                    Map.of(
                        "outerSkuId",
                        SKU_CAMPAIGN.get(2),
                        "activityPriceFen",
                        2250,
                        "quantity",
                        5))),
            ops);
    assertThat(sentBack.status()).as(sentBack.raw()).isEqualTo(201);
    final String rejected = sentBack.body().path("campaignId").asText();
    decide(lead, halfApproved, "Approve campaign", Map.of("decision", "APPROVE"));
    decide(lead, active, "Approve campaign", Map.of("decision", "APPROVE"));
    decide(lead, scheduled, "Approve campaign", Map.of("decision", "APPROVE"));
    decide(
        lead,
        rejected,
        "Approve campaign",
        Map.of("decision", "REJECT", "comment", "not in the plan"));
    api.awaitTask(finance, halfApproved, "Approve campaign");
    api.awaitTask(ops, rejected, "Revise campaign");
    awaitStatus("campaigns", scheduled, "SCHEDULED");
    campaignsExpected.put(halfApproved, "ENDED");
    campaignsExpected.put(active, "ENDED");
    campaignsExpected.put(scheduled, "ENDED");
    campaignsExpected.put(rejected, "WITHDRAWN");
  }

  private String placeOrder(final String sku, final int quantity, final String expected) {
    final String orderSn = TestOrders.newOrderSn();
    final Answer placed =
        api.post("/api/orders", TestOrders.body(orderSn, sku, quantity), api.admin());
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    orders.put(orderSn, new PlacedOrder(orderSn, sku, quantity, expected));
    return orderSn;
  }

  /** A buyer orders on the simulated PDD (under risk review unless {@code riskControl} is 0). */
  private String placeOnPdd(final int riskControl, final String expected) {
    final Answer placed =
        api.post(
            "/simulator/pdd/orders",
            Map.of(
                "shop_id",
                SHOP,
                "risk_control_status",
                riskControl,
                "item_list",
                List.of(Map.of("outer_id", SKU_ORDERS, "goods_count", 1, "goods_price", "25.00"))),
            Caller.anonymous());
    assertThat(placed.status()).as(placed.raw()).isEqualTo(200);
    final String orderSn = placed.body().path("order_sn").asText();
    orders.put(orderSn, new PlacedOrder(orderSn, SKU_ORDERS, 1, expected));
    return orderSn;
  }

  private String openCase(
      final String orderSn,
      final String type,
      final String reason,
      final long amountFen,
      final String expected) {
    final String afterSalesId = "RR" + RUN + "-AS" + (casesExpected.size() + 1);
    final Answer opened =
        api.post(
            "/api/after-sales",
            Map.of(
                "shopId",
                SHOP,
                "afterSalesId",
                afterSalesId,
                "orderSn",
                orderSn,
                "type",
                type,
                "reason",
                reason,
                "refundAmountFen",
                amountFen),
            api.admin());
    assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
    casesExpected.put(afterSalesId, expected);
    caseTypes.put(afterSalesId, type);
    caseOrders.put(afterSalesId, orderSn);
    return afterSalesId;
  }

  private void ordersAndCasesInEveryState() {
    // at the warehouse: it ships in an hour
    final List<String> atWarehouse = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      atWarehouse.add(placeOrder(SKU_ORDERS, 1, "COMPLETED"));
    }
    // shipped, tracking uploaded, waiting for the buyer (delivered in an hour)
    final List<String> shipped = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      shipped.add(placeOrder(SKU_ORDERS, 2, "COMPLETED"));
    }
    // short of stock: a task for ops each
    final List<String> short_ = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      short_.add(placeOrder(SKU_SHORT, 1, "COMPLETED"));
    }
    // on hold at the platform (risk review), taken in by the sync
    final List<String> onHold = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      onHold.add(placeOnPdd(1, "COMPLETED"));
    }
    // a buyer on the platform who will ask for the money back before shipment
    final String intercepted = placeOnPdd(0, "CANCELLED");
    atWarehouse.forEach(sn -> awaitStatus("orders", sn, "SENT_TO_WMS"));
    awaitStatus("orders", intercepted, "SENT_TO_WMS");
    shipped.forEach(sn -> awaitStatus("orders", sn, "SENT_TO_WMS"));
    shipped.forEach(
        sn ->
            assertThat(
                    api.post(
                            "/simulator/wms/outbound/" + sn + "/ship", Map.of(), Caller.anonymous())
                        .status())
                .isEqualTo(200));
    shipped.forEach(
        sn ->
            await("tracking upload of " + sn)
                .atMost(WAIT)
                .until(() -> timelineCount("ORDER", sn, "TRACKING_UPLOADED") == 1));
    short_.forEach(sn -> awaitStatus("orders", sn, "AWAITING_STOCK"));
    // ops decided on one shortage before the kill: wait for stock
    decide(ops, short_.get(0), "Resolve stock shortage", Map.of("decision", "WAIT_FOR_STOCK"));
    short_.subList(1, 4).forEach(sn -> api.awaitTask(ops, sn, "Resolve stock shortage"));
    onHold.forEach(sn -> awaitStatus("orders", sn, "RECEIVED"));

    // returns agreed, parcels on their way (an hour)
    openCase(shipped.get(0), "RETURN_REFUND", "SIZE", 5_000, "REFUNDED");
    openCase(shipped.get(1), "RETURN_REFUND", "SIZE", 5_000, "REFUNDED");
    // refunds without return after shipment: customer service reviews
    final String reviewA = openCase(shipped.get(2), "REFUND_ONLY", "QUALITY", 5_000, "REFUNDED");
    final String reviewB = openCase(shipped.get(3), "REFUND_ONLY", "QUALITY", 5_000, "REFUNDED");
    // an exchange: the replacement waits at the warehouse
    final String exchange = openCase(shipped.get(4), "EXCHANGE", "QUALITY", 0, "RESHIPPED");
    // a refund before shipment: the order is intercepted and cancelled
    openCase(intercepted, "REFUND_ONLY", "CHANGED_MIND", 2_500, "REFUNDED");
    casesExpected.keySet().stream()
        .filter(id -> "RETURN_REFUND".equals(caseTypes.get(id)))
        .forEach(id -> awaitStatus("after-sales", id, "AWAITING_RETURN"));
    api.awaitTask(service, reviewA, "Review after-sales request");
    api.awaitTask(service, reviewB, "Review after-sales request");
    await("replacement of " + exchange + " at the warehouse")
        .atMost(WAIT)
        .until(
            () ->
                api.get("/simulator/wms/outbound/replacement-" + exchange, Caller.anonymous())
                        .status()
                    == 200);
    awaitStatus("orders", intercepted, "CANCELLED");
  }

  /** Orders and a listing submitted, and Pinflow killed while they are on their way. */
  private void burstThenKill() throws InterruptedException {
    for (int i = 0; i < 12; i++) {
      placeOrder(SKU_ORDERS, 1, "COMPLETED");
    }
    submitListing(SKU_LATE, 1001);
    Thread.sleep(300);
    pinflow.kill();
  }

  private List<String> cancelTwoOrdersAtTheWarehouse() {
    final List<String> atWarehouse =
        orders.values().stream()
            .filter(o -> "COMPLETED".equals(o.expected()) && o.quantity() == 1)
            .map(PlacedOrder::orderSn)
            .filter(sn -> "SENT_TO_WMS".equals(status("orders", sn)))
            .limit(2)
            .toList();
    assertThat(atWarehouse).hasSize(2);
    for (final String orderSn : atWarehouse) {
      final Answer cancel =
          api.post(
              "/api/orders/" + orderSn + "/cancel",
              Map.of("reason", "buyer changed mind"),
              api.admin());
      assertThat(cancel.status()).as(cancel.raw()).isIn(200, 202);
      orders.put(orderSn, new PlacedOrder(orderSn, SKU_ORDERS, 1, "CANCELLED"));
    }
    return atWarehouse;
  }

  /** The tasks open at the first kill, worked through the task API under their first ids. */
  private void peopleFinishTheirTasks(final Map<String, String> openAtKill) {
    final Map<String, String> byKey = new HashMap<>();
    openAtKill.forEach((taskId, keyAndElement) -> byKey.put(keyAndElement, taskId));
    int shortage = 0;
    for (final var task : new TreeMap<>(openAtKill).entrySet()) {
      final String businessKey = task.getValue().split(" ")[0];
      final String element = task.getValue().split(" ")[1];
      switch (element) {
        case "UserTaskResolveStockShortage" -> {
          final boolean cancel = shortage++ == 0;
          complete(
              ops, task.getKey(), Map.of("decision", cancel ? "CANCEL_ORDER" : "WAIT_FOR_STOCK"));
          if (cancel) {
            orders.put(businessKey, new PlacedOrder(businessKey, SKU_SHORT, 1, "CANCELLED"));
          }
        }
        case "UserTaskReviewListing" ->
            complete(lead, task.getKey(), Map.of("decision", "APPROVE"));
        case "UserTaskFixListing" ->
            complete(ops, task.getKey(), Map.of("decision", "RESUBMIT", "comment", "new photos"));
        case "UserTaskApprove" -> complete(finance, task.getKey(), Map.of("decision", "APPROVE"));
        case "UserTaskRevise" ->
            complete(ops, task.getKey(), Map.of("decision", "WITHDRAW", "comment", "dropped"));
        case "UserTaskReviewAfterSales" ->
            complete(service, task.getKey(), Map.of("decision", "APPROVE", "comment", "seen"));
        default -> throw new AssertionError("unexpected open task " + task);
      }
    }
    // stock for the short orders comes in once ops decided
    assertThat(
            api.call(
                    org.springframework.http.HttpMethod.PUT,
                    "/api/inventory/" + SKU_SHORT,
                    Map.of("onHand", 10),
                    api.admin())
                .status())
        .isEqualTo(200);
    // the platform lifts the holds
    orders.values().stream()
        .map(PlacedOrder::orderSn)
        .filter(sn -> "RECEIVED".equals(status("orders", sn)))
        .forEach(
            sn ->
                api.post(
                    "/simulator/pdd/orders/" + sn + "/update",
                    Map.of("risk_control_status", 0),
                    Caller.anonymous()));
  }

  private void complete(final Caller caller, final String taskId, final Map<String, Object> vars) {
    final Answer done =
        api.post("/api/tasks/" + taskId + "/complete", Map.of("variables", vars), caller);
    assertThat(done.status()).as("task %s: %s", taskId, done.raw()).isEqualTo(200);
  }

  private void awaitEverythingFinished() {
    orders.values().forEach(o -> awaitStatus("orders", o.orderSn(), o.expected()));
    casesExpected.forEach((id, expected) -> awaitStatus("after-sales", id, expected));
    listings.keySet().forEach(id -> awaitStatus("listings", id, "LISTED"));
    campaignsExpected.forEach(this::awaitCampaign);
  }

  /**
   * A campaign ends at its end time, however early the restarts were over: the wait runs from
   * there.
   */
  private void awaitCampaign(final String campaignId, final String expected) {
    final JsonNode campaign = api.get("/api/campaigns/" + campaignId, api.admin()).body();
    final Duration untilEnd =
        Duration.between(
            java.time.Instant.now(),
            OffsetDateTime.parse(campaign.path("endTime").asText()).toInstant());
    await("campaigns " + campaignId + " " + expected)
        .atMost(untilEnd.isNegative() ? WAIT : WAIT.plus(untilEnd))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> status("campaigns", campaignId), Predicate.isEqual(expected));
  }

  /** Every listing on sale waited for its delisting through the restarts: it takes it now. */
  private void delistEverythingListed() {
    for (final String listingId : listings.keySet()) {
      final Answer delist =
          api.post("/api/listings/" + listingId + "/delist", Map.of("reason", "season over"), ops);
      assertThat(delist.status()).as(delist.raw()).isIn(200, 202);
    }
    listings.keySet().forEach(id -> awaitStatus("listings", id, "DELISTED"));
  }

  // ---- what the restarts must have done

  /** Unfinished objects by type, read from the database the killed Pinflow left. */
  private Map<String, Set<String>> unfinished() {
    final Map<String, Set<String>> unfinished = new TreeMap<>();
    db.sql(
            "SELECT 'ORDER' AS t, order_sn AS k FROM orders WHERE status NOT IN ('COMPLETED',"
                + " 'CANCELLED') UNION ALL SELECT 'AFTERSALE', after_sales_id FROM after_sales"
                + " WHERE status IN ('OPEN', 'AWAITING_RETURN', 'INSPECTING') UNION ALL SELECT"
                + " 'LISTING', listing_id FROM listings WHERE status NOT IN ('REJECTED',"
                + " 'WITHDRAWN', 'DELISTED') UNION ALL SELECT 'CAMPAIGN', campaign_id FROM"
                + " campaigns WHERE status NOT IN ('ENDED', 'WITHDRAWN', 'CANCELLED')")
        .query(
            rs -> {
              unfinished
                  .computeIfAbsent(rs.getString("t"), t -> new java.util.TreeSet<>())
                  .add(rs.getString("k"));
            });
    return unfinished;
  }

  /** Task id → "businessKey elementId" of the tasks open when Pinflow died. */
  private Map<String, String> openTasks() {
    final Map<String, String> open = new TreeMap<>();
    db.sql(
            "SELECT task_id, business_key, element_id FROM user_tasks WHERE status IN ('OPEN',"
                + " 'COMPLETING')")
        .query(
            rs -> {
              open.put(
                  rs.getString("task_id"),
                  rs.getString("business_key") + " " + rs.getString("element_id"));
            });
    return open;
  }

  private static String counts(final Map<String, Set<String>> byType) {
    return byType.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().size())
        .collect(Collectors.joining(", "));
  }

  /**
   * The objects unfinished at the kill go on: in the resumed engine's instances, with nothing
   * re-driven, or each re-driven once into the empty engine.
   */
  private void assertWentOn(final boolean resume, final Map<String, Set<String>> unfinished) {
    if (!resume) {
      assertReDrivenOnce(unfinished);
      return;
    }
    assertThat(unfinished.values().stream().mapToLong(Set::size).sum()).isPositive();
    final JsonNode health = api.get("/actuator/health", Caller.anonymous()).body();
    assertThat(health.path("components").path("redrive").path("description").asText())
        .isEqualTo(RedriveHealthIndicator.NOT_NEEDED);
    assertThat(db.sql("SELECT COUNT(*) FROM process_redrives").query(Long.class).single())
        .as("objects re-driven into the resumed engine")
        .isZero();
  }

  /**
   * The start re-drove exactly the objects unfinished at the kill, each once, each with an
   * instance, and told their timelines and the audit trail.
   */
  private void assertReDrivenOnce(final Map<String, Set<String>> unfinished) {
    final String run =
        db.sql("SELECT engine_run FROM process_redrives ORDER BY claimed_at DESC LIMIT 1")
            .query(String.class)
            .single();
    final Map<String, Set<String>> redriven = new TreeMap<>();
    db.sql(
            "SELECT business_type, business_key, process_instance_key FROM process_redrives"
                + " WHERE engine_run = :run")
        .param("run", run)
        .query(
            rs -> {
              assertThat(rs.getLong("process_instance_key"))
                  .as("instance of %s", rs.getString("business_key"))
                  .isPositive();
              redriven
                  .computeIfAbsent(rs.getString("business_type"), t -> new java.util.TreeSet<>())
                  .add(rs.getString("business_key"));
            });
    assertThat(redriven).isEqualTo(unfinished);
    for (final var entry : unfinished.entrySet()) {
      for (final String key : entry.getValue()) {
        assertThat(timelineCountSince(entry.getKey(), key, "PROCESS_REDRIVEN", run))
            .as("re-drive of %s %s on its timeline", entry.getKey(), key)
            .isEqualTo(1);
      }
    }
    final long audited =
        db.sql(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'process.redrive' AND outcome ="
                    + " 'SUCCESS'")
            .query(Long.class)
            .single();
    assertThat(audited)
        .isGreaterThanOrEqualTo(unfinished.values().stream().mapToLong(Set::size).sum());
  }

  /** The tasks open at the kill are open again under their ids; no step has two. */
  private void assertTasksCameBack(final Map<String, String> openAtKill) {
    await("tasks open at the kill open again")
        .atMost(WAIT)
        .until(
            () ->
                openAtKill.keySet().stream()
                    .allMatch(
                        taskId ->
                            "OPEN"
                                .equals(
                                    db.sql("SELECT status FROM user_tasks WHERE task_id = :id")
                                        .param("id", taskId)
                                        .query(String.class)
                                        .single())));
    final List<String> doubled =
        db.sql(
                "SELECT CONCAT(business_key, ' ', element_id) FROM user_tasks WHERE status ="
                    + " 'OPEN' GROUP BY business_key, element_id HAVING COUNT(*) > 1")
            .query(String.class)
            .list();
    assertThat(doubled).as("steps with two open tasks").isEmpty();
  }

  private void assertEachEffectOnce() {
    int shippedOrders = 0;
    for (final PlacedOrder order : orders.values()) {
      final String sn = order.orderSn();
      final Map<String, Long> timeline = timeline("ORDER", sn);
      final JsonNode uploads = api.get("/simulator/pdd/shipments/" + sn, Caller.anonymous()).body();
      final Answer atWms = api.get("/simulator/wms/outbound/" + sn, Caller.anonymous());
      if ("COMPLETED".equals(order.expected())) {
        shippedOrders++;
        final String tracking =
            db.sql(
                    "SELECT tracking_number FROM shipments WHERE order_sn = :sn AND kind ="
                        + " 'ORIGINAL'")
                .param("sn", sn)
                .query(String.class)
                .single();
        assertThat(atWms.status()).as("delivery order of %s", sn).isEqualTo(200);
        assertThat(atWms.body().path("status").asText()).isEqualTo("SHIPPED");
        assertThat(atWms.body().path("trackingNumber").asText()).isEqualTo(tracking);
        assertThat(uploads).as("tracking uploads of %s", sn).hasSize(1);
        assertThat(uploads.get(0).path("tracking_number").asText()).isEqualTo(tracking);
        assertThat(
                db.sql(
                        "SELECT COUNT(*) FROM wms_events WHERE order_sn = :sn AND type = 'SHIPPED'"
                            + " AND after_sales_id IS NULL")
                    .param("sn", sn)
                    .query(Long.class)
                    .single())
            .as("shipments the WMS reported for %s", sn)
            .isEqualTo(1);
        assertThat(timeline)
            .as("timeline of %s", sn)
            .containsEntry("STOCK_RESERVED", 1L)
            .containsEntry("SENT_TO_WMS", 1L)
            .containsEntry("SHIPPED", 1L)
            .containsEntry("TRACKING_UPLOADED", 1L)
            .containsEntry("COMPLETED", 1L)
            .doesNotContainKey("CANCELLED");
        assertThat(reservations("ORDER", sn)).as("reservation of %s", sn).containsOnly("CONSUMED");
      } else {
        assertThat(timeline).as("timeline of %s", sn).containsEntry("CANCELLED", 1L);
        assertThat(timeline).doesNotContainKeys("SHIPPED", "TRACKING_UPLOADED");
        assertThat(uploads).as("tracking uploads of %s", sn).isEmpty();
        if (atWms.status() == 200) {
          assertThat(atWms.body().path("status").asText()).isEqualTo("CANCELLED");
        }
        assertThat(reservations("ORDER", sn))
            .as("reservation of %s", sn)
            .isSubsetOf(Set.of("RELEASED"));
      }
    }
    for (final var entry : casesExpected.entrySet()) {
      final String id = entry.getKey();
      final JsonNode onPdd = api.get("/simulator/pdd/after-sales/" + id, Caller.anonymous()).body();
      final Map<String, Long> timeline = timeline("AFTERSALE", id);
      final JsonNode stored = api.get("/api/after-sales/" + id, api.admin()).body();
      if ("REFUNDED".equals(entry.getValue())) {
        assertThat(timeline).as("timeline of %s", id).containsEntry("REFUNDED", 1L);
        assertThat(onPdd.path("after_sales_status").asInt()).as("%s on PDD", id).isEqualTo(10);
        assertThat(stored.path("refundedAmountFen").asLong())
            .isEqualTo(stored.path("refundAmountFen").asLong());
      }
      if ("RETURN_REFUND".equals(caseTypes.get(id))) {
        assertThat(timeline)
            .as("timeline of %s", id)
            .containsEntry("RETURN_AGREED", 1L)
            .containsEntry("RETURN_RECEIVED", 1L)
            .containsEntry("RESTOCKED", 1L);
      }
      if ("EXCHANGE".equals(caseTypes.get(id))) {
        final JsonNode replacement =
            api.get("/simulator/wms/outbound/replacement-" + id, Caller.anonymous()).body();
        assertThat(replacement.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(onPdd.path("exchange_tracking_number").asText())
            .isEqualTo(replacement.path("trackingNumber").asText());
        assertThat(timeline)
            .containsEntry("REPLACEMENT_RESERVED", 1L)
            .containsEntry("REPLACEMENT_SHIPPED", 1L)
            .containsEntry("RESHIPPED", 1L);
        assertThat(reservations("REPLACEMENT", id)).containsOnly("CONSUMED");
      }
    }
    for (final String listingId : listings.keySet()) {
      final JsonNode listing = api.get("/api/listings/" + listingId, api.admin()).body();
      final JsonNode goods =
          api.get("/simulator/pdd/goods/" + listing.path("goodsId").asLong(), Caller.anonymous())
              .body();
      assertThat(goods.path("outer_goods_id").asText()).isEqualTo("G-" + listings.get(listingId));
      assertThat(goods.path("is_onsale").asInt()).as("%s on sale", listingId).isZero();
      // one goods per listing on the platform: no second pdd.goods.add after a restart
      final long goodsOnPdd =
          db.sql("SELECT COUNT(*) FROM simulator_records WHERE kind = 'pdd-goods' AND body LIKE :g")
              .param("g", "%\"outerGoodsId\":\"G-" + listings.get(listingId) + "\"%")
              .query(Long.class)
              .single();
      assertThat(goodsOnPdd).as("goods of %s on PDD", listingId).isEqualTo(1);
      assertThat(timeline("LISTING", listingId)).containsEntry("LISTED", 1L);
    }
    for (final var entry : campaignsExpected.entrySet()) {
      final String id = entry.getKey();
      final JsonNode campaign = api.get("/api/campaigns/" + id, api.admin()).body();
      final Map<String, Long> timeline = timeline("CAMPAIGN", id);
      if ("ENDED".equals(entry.getValue())) {
        assertThat(timeline).as("timeline of %s", id).containsEntry("CAMPAIGN_ENDED", 1L);
        assertThat(
                api.get("/api/reports/campaigns/" + id, api.admin())
                    .body()
                    .path("reportedAt")
                    .asText())
            .as("report of %s", id)
            .isNotEmpty();
        final JsonNode item = campaign.path("items").get(0);
        final JsonNode activities =
            api.get(
                    "/simulator/pdd/promotions?goodsId=" + item.path("goodsId").asLong(),
                    Caller.anonymous())
                .body();
        final List<JsonNode> ofThisCampaign = new ArrayList<>();
        activities
            .path("activities")
            .forEach(
                a -> {
                  if (a.path("activity_name").asText().equals(campaign.path("name").asText())) {
                    ofThisCampaign.add(a);
                  }
                });
        assertThat(ofThisCampaign).as("activities of %s on PDD", id).hasSizeLessThanOrEqualTo(1);
        ofThisCampaign.forEach(a -> assertThat(a.path("status").asText()).isEqualTo("CANCELLED"));
        assertThat(timeline.getOrDefault("PDD_ACTIVITY_CREATED", 0L))
            .isEqualTo(ofThisCampaign.size());
        assertThat(reservations("CAMPAIGN", id)).isSubsetOf(Set.of("RELEASED"));
      }
      assertThat(timeline.getOrDefault("APPROVAL_GRANTED", 0L)).isLessThanOrEqualTo(2);
    }
    figures.put("orders shipped once", Integer.toString(shippedOrders));
  }

  private void assertStockBalanced() {
    final Map<String, Integer> expected = new HashMap<>();
    expected.put(SKU_ORDERS, STOCK_ORDERS);
    expected.put(SKU_SHORT, 10);
    for (final PlacedOrder order : orders.values()) {
      if ("COMPLETED".equals(order.expected())) {
        expected.merge(order.sku(), -order.quantity(), Integer::sum);
      }
    }
    casesExpected.keySet().stream()
        .filter(id -> Set.of("RETURN_REFUND", "EXCHANGE").contains(caseTypes.get(id)))
        .forEach(
            id -> {
              final int quantity = orders.get(caseOrders.get(id)).quantity();
              // a return goes back into stock; a replacement leaves with its parcel
              expected.merge(
                  SKU_ORDERS,
                  "RETURN_REFUND".equals(caseTypes.get(id)) ? quantity : -quantity,
                  Integer::sum);
            });
    SKU_CAMPAIGN.forEach(sku -> expected.put(sku, STOCK_CAMPAIGN));
    for (final var entry : expected.entrySet()) {
      final Map<String, Object> row =
          db.sql("SELECT on_hand, reserved FROM stock WHERE outer_sku_id = :sku")
              .param("sku", entry.getKey())
              .query()
              .singleRow();
      assertThat(((Number) row.get("on_hand")).intValue())
          .as("on hand of %s", entry.getKey())
          .isEqualTo(entry.getValue());
      assertThat(((Number) row.get("reserved")).intValue())
          .as("reserved of %s", entry.getKey())
          .isZero();
    }
    assertThat(
            db.sql("SELECT COUNT(*) FROM stock_reservations WHERE status = 'RESERVED'")
                .query(Long.class)
                .single())
        .as("reservations still held")
        .isZero();
  }

  private void assertNothingLeftBehind() {
    assertThat(db.sql("SELECT COUNT(*) FROM outbox_messages").query(Long.class).single())
        .as("messages not published")
        .isZero();
    assertThat(
            db.sql("SELECT COUNT(*) FROM user_tasks WHERE status IN ('OPEN', 'COMPLETING')")
                .query(Long.class)
                .single())
        .as("open tasks")
        .isZero();
    final Answer incidents = api.get("/api/incidents?status=OPEN", api.admin());
    assertThat(incidents.body().path("total").asLong()).as(incidents.raw()).isZero();
  }

  // ---- reading

  private String objects() {
    return orders.size()
        + " orders, "
        + casesExpected.size()
        + " after-sales cases, "
        + listings.size()
        + " listings, "
        + campaignsExpected.size()
        + " campaigns";
  }

  private String status(final String collection, final String key) {
    final Answer answer = api.get("/api/" + collection + "/" + key, api.admin());
    return answer.body() == null
        ? "(" + answer.status() + ")"
        : answer.body().path("status").asText();
  }

  private void awaitStatus(final String collection, final String key, final String status) {
    await(collection + " " + key + " " + status)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> status(collection, key), Predicate.isEqual(status));
  }

  private long timelineCount(final String type, final String key, final String event) {
    return timeline(type, key).getOrDefault(event, 0L);
  }

  private Map<String, Long> timeline(final String type, final String key) {
    final Map<String, Long> counts = new TreeMap<>();
    db.sql(
            "SELECT type, COUNT(*) AS n FROM timeline_events WHERE business_type = :type AND"
                + " business_key = :key GROUP BY type")
        .param("type", type)
        .param("key", key)
        .query(
            rs -> {
              counts.put(rs.getString("type"), rs.getLong("n"));
            });
    return counts;
  }

  /** Timeline entries of the type written since the engine run claimed its first re-drive. */
  private long timelineCountSince(
      final String type, final String key, final String event, final String run) {
    return db.sql(
            "SELECT COUNT(*) FROM timeline_events WHERE business_type = :type AND business_key ="
                + " :key AND type = :event AND at >= (SELECT MIN(claimed_at) FROM"
                + " process_redrives WHERE engine_run = :run)")
        .param("type", type)
        .param("key", key)
        .param("event", event)
        .param("run", run)
        .query(Long.class)
        .single();
  }

  private Set<String> reservations(final String ownerType, final String ownerId) {
    return Set.copyOf(
        db.sql(
                "SELECT DISTINCT status FROM stock_reservations WHERE owner_type = :type AND"
                    + " owner_id = :id")
            .param("type", ownerType)
            .param("id", ownerId)
            .query(String.class)
            .list());
  }
}
