package io.pinflow.api.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.connectors.erp.ErpImportRoutes;
import io.pinflow.domain.erp.ImportKind;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The ERP's files and uploads through the running application: the Camel file consumers with their
 * read locks, the content-hash claim, rejects with their lines, the done and error folders.
 */
@PinflowIntegrationTest
class ErpImportTest {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000);
  private static final String PRODUCT_HEADER =
      "outerGoodsId,outerSkuId,title,categoryId,spec,costFen,priceFen,images,listOnShop\n";

  @Autowired TestApi api;
  @Autowired ErpImportRoutes routes;
  @Autowired CamelContext camel;

  @Test
  void aGoodProductFileIsImportedOnceAndMovedToDone() throws IOException {
    final String p = prefix();
    final String content =
        PRODUCT_HEADER
            + p
            + "G,"
            + p
            + "-S,\"Hoodie, grey\",1001,S,3000,8990,https://img.example.com/h.jpg,\n"
            + p
            + "G,"
            + p
            + "-M,\"Hoodie, grey\",1001,M,3000,8990,,\n";

    final String name = drop(ImportKind.PRODUCTS, p + ".csv", content);

    final JsonNode done = awaitImport(name);
    assertThat(done.path("status").asText()).isEqualTo("DONE");
    assertThat(done.path("recordsTotal").asInt()).isEqualTo(2);
    assertThat(done.path("recordsAccepted").asInt()).isEqualTo(2);
    assertThat(done.path("source").asText()).isEqualTo("FILE");
    assertThat(api.get("/api/inventory/" + p + "-S", api.admin()).status()).isEqualTo(200);
    awaitMoved(ImportKind.PRODUCTS, name, "done");
  }

  @Test
  void badLinesAreRejectedWithLineAndReasonWhileGoodOnesGoThrough() throws IOException {
    final String p = prefix();
    final String content =
        PRODUCT_HEADER
            + p
            + "G,"
            + p
            + "-1,Good one,1001,S,100,200,,\n"
            + p
            + "G,"
            + p
            + "-2,\"A title\nover two lines\",1001,S,abc,200,,\n"
            + p
            + "G,"
            + p
            + "-3,,1001,S,100,200,,\n"
            + "too,few,fields\n"
            + p
            + "G,"
            + p
            + "-4,Good two,1001,S,100,200,,\n";

    final String name = drop(ImportKind.PRODUCTS, p + ".csv", content);

    final JsonNode done = awaitImport(name);
    assertThat(done.path("recordsTotal").asInt()).isEqualTo(5);
    assertThat(done.path("recordsAccepted").asInt()).isEqualTo(2);
    assertThat(done.path("recordsRejected").asInt()).isEqualTo(3);
    final JsonNode rejects =
        api.get("/api/imports/" + done.path("importId").asLong() + "/rejects", api.admin())
            .body()
            .path("items");
    assertThat(rejects).hasSize(3);
    assertThat(rejects.get(0).path("line").asInt()).isEqualTo(3);
    assertThat(rejects.get(0).path("reason").asText())
        .isEqualTo("costFen: not a whole number: 'abc'");
    assertThat(rejects.get(1).path("line").asInt()).isEqualTo(5);
    assertThat(rejects.get(1).path("reason").asText()).startsWith("title: required");
    assertThat(rejects.get(2).path("line").asInt()).isEqualTo(6);
    assertThat(rejects.get(2).path("reason").asText()).isEqualTo("expected 9 fields, found 3");
    assertThat(api.get("/api/inventory/" + p + "-4", api.admin()).status()).isEqualTo(200);
    assertThat(api.get("/api/inventory/" + p + "-3", api.admin()).status()).isEqualTo(404);
    final JsonNode incident = incident("import:" + done.path("importId").asLong());
    assertThat(incident).isNotNull();
    assertThat(incident.path("errorMessage").asText()).startsWith("3 of 5 record(s)");
    awaitMoved(ImportKind.PRODUCTS, name, "done");
  }

  @Test
  void theSameContentUnderAnotherNameIsNotImportedAgain() throws IOException {
    final String sku = product();
    final String content = "outerSkuId,onHand\n" + sku + ",17\n";
    final String first = drop(ImportKind.STOCK, "stock-a-" + sku + ".csv", content);
    final JsonNode imported = awaitImport(first);
    awaitMoved(ImportKind.STOCK, first, "done");
    setOnHand(sku, 3);

    final String second = drop(ImportKind.STOCK, "stock-b-" + sku + ".csv", content);

    awaitMoved(ImportKind.STOCK, second, "done");
    assertThat(importsNamed(second)).isEmpty();
    assertThat(importsNamed(first)).hasSize(1);
    assertThat(imported.path("recordsAccepted").asInt()).isEqualTo(1);
    assertThat(onHand(sku)).isEqualTo(3);
  }

  @Test
  void aFileStillBeingWrittenIsReadOnlyOnceComplete() throws Exception {
    final String sku = product();
    final String name = "slow-" + sku + ".csv";
    final Path file = routes.folder(ImportKind.STOCK).resolve(name);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("outerSkuId,onHand\n");
      // a slow writer: a line every 150 ms for 2.5 s, longer than the settle time
      for (int i = 1; i <= 16; i++) {
        out.write(sku + "," + i + "\n");
        out.flush();
        Thread.sleep(150);
        assertThat(importsNamed(name)).as("read while still being written").isEmpty();
      }
    }

    final JsonNode done = awaitImport(name);
    assertThat(done.path("recordsTotal").asInt()).isEqualTo(16);
    assertThat(onHand(sku)).isEqualTo(16);
    assertThat(importsNamed(name)).hasSize(1);
  }

  @Test
  void aTemporaryFileIsIgnoredUntilRenamed() throws Exception {
    final String sku = product();
    final Path folder = routes.folder(ImportKind.STOCK);
    final Path temporary = folder.resolve("incoming-" + sku + ".csv.part");
    Files.writeString(temporary, "outerSkuId,onHand\n" + sku + ",9\n");
    Thread.sleep(1500);
    assertThat(Files.exists(temporary)).isTrue();

    Files.move(
        temporary, folder.resolve("incoming-" + sku + ".csv"), StandardCopyOption.ATOMIC_MOVE);

    awaitImport("incoming-" + sku + ".csv");
    assertThat(onHand(sku)).isEqualTo(9);
  }

  @Test
  void twoConsumersOfOneFolderImportEachFileOnce() throws Exception {
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            routes.fileConsumer(this, ImportKind.STOCK, "second-stock-consumer", 1100);
          }
        });
    try {
      final List<String> names = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        final String sku = product();
        names.add(
            drop(
                ImportKind.STOCK,
                "pair-" + sku + ".csv",
                "outerSkuId,onHand\n" + sku + "," + (10 + i) + "\n"));
      }
      for (final String name : names) {
        final JsonNode done = awaitImport(name);
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        awaitMoved(ImportKind.STOCK, name, "done");
      }
      for (final String name : names) {
        assertThat(importsNamed(name)).as(name).hasSize(1);
      }
    } finally {
      camel.getRouteController().stopRoute("second-stock-consumer");
      camel.removeRoute("second-stock-consumer");
    }
  }

  @Test
  void anUnreadableFileGoesToErrorAndItsIncidentRetryTakesItOnceFixed() throws IOException {
    final String sku = product();
    final String name = "no-header-" + sku + ".csv";
    drop(ImportKind.STOCK, name, "sku;quantity\n" + sku + ";5\n");

    final JsonNode failed = awaitImport(name);
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.path("error").asText()).contains("lacks column(s) [onhand, outerskuid]");
    final Path inError = awaitMoved(ImportKind.STOCK, name, "error");
    final JsonNode incident = incident("import:" + failed.path("importId").asLong());
    assertThat(incident.path("errorType").asText()).isEqualTo("ImportFailed");

    Files.writeString(inError, "outerSkuId,onHand\n" + sku + ",5\n");
    final TestApi.Answer retried =
        api.post(
            "/api/incidents/" + incident.path("incidentKey").asLong() + "/retry",
            null,
            api.admin());

    assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> onHand(sku) == 5);
  }

  @Test
  void rejectsOfUnknownSkusAreReplayedOnceTheProductExists() throws IOException {
    final String p = prefix();
    final String name = "early-" + p + ".csv";
    drop(ImportKind.STOCK, name, "outerSkuId,onHand\n" + p + "-NEW,44\n");
    final JsonNode done = awaitImport(name);
    assertThat(done.path("recordsRejected").asInt()).isEqualTo(1);
    final JsonNode incident = incident("import:" + done.path("importId").asLong());

    final TestApi.Answer products =
        api.upload(
            "/integrations/erp/products",
            PRODUCT_HEADER + p + "G," + p + "-NEW,New thing,1001,one,100,200,,\n",
            new MediaType("text", "csv"),
            api.admin());
    assertThat(products.status()).as(products.raw()).isEqualTo(201);
    final TestApi.Answer retried =
        api.post(
            "/api/incidents/" + incident.path("incidentKey").asLong() + "/retry",
            null,
            api.admin());

    assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
    assertThat(onHand(p + "-NEW")).isEqualTo(44);
    final JsonNode reject =
        api.get("/api/imports/" + done.path("importId").asLong() + "/rejects", api.admin())
            .body()
            .path("items")
            .get(0);
    assertThat(reject.path("status").asText()).isEqualTo("REPLAYED");
    assertThat(incident("import:" + done.path("importId").asLong())).isNull();
  }

  @Test
  void uploadsTakeCsvAndJsonOnceAndRefuseWhatCannotBeRead() {
    final String sku = product();
    final String csv = "outerSkuId,onHand\n" + sku + ",12\n";

    final TestApi.Answer first =
        api.upload("/integrations/erp/stock", csv, new MediaType("text", "csv"), api.admin());
    final TestApi.Answer again =
        api.upload("/integrations/erp/stock", csv, new MediaType("text", "csv"), api.admin());
    final TestApi.Answer json =
        api.upload(
            "/integrations/erp/stock",
            "{\"items\":[{\"outerSkuId\":\""
                + sku
                + "\",\"onHand\":13},{\"outerSkuId\":\""
                + sku
                + "\",\"onHand\":\"x\"},7]}",
            MediaType.APPLICATION_JSON,
            api.admin());
    final TestApi.Answer broken =
        api.upload(
            "/integrations/erp/stock",
            "[{\"outerSkuId\":",
            MediaType.APPLICATION_JSON,
            api.admin());
    final TestApi.Answer plain =
        api.upload("/integrations/erp/stock", csv, MediaType.TEXT_PLAIN, api.admin());
    final TestApi.Answer analyst =
        api.upload(
            "/integrations/erp/stock",
            csv,
            new MediaType("text", "csv"),
            api.userWithRole("ANALYST"));

    assertThat(first.status()).as(first.raw()).isEqualTo(201);
    assertThat(first.body().path("recordsAccepted").asInt()).isEqualTo(1);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("duplicate").asBoolean()).isTrue();
    assertThat(again.body().path("importId").asLong())
        .isEqualTo(first.body().path("importId").asLong());
    assertThat(json.status()).as(json.raw()).isEqualTo(201);
    assertThat(json.body().path("recordsAccepted").asInt()).isEqualTo(1);
    assertThat(json.body().path("rejects")).hasSize(2);
    assertThat(json.body().path("rejects").get(1).path("reason").asText())
        .isEqualTo("record 3 is not an object");
    assertThat(onHand(sku)).isEqualTo(13);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.body().path("detail").asText()).contains("broken JSON");
    assertThat(broken.body().has("properties")).isFalse();
    assertThat(plain.status()).isEqualTo(400);
    assertThat(analyst.status()).isEqualTo(403);
  }

  @Test
  void goodsTheErpMarksForAShopAreListedThere() throws IOException {
    final String p = prefix();
    final String name =
        drop(
            ImportKind.PRODUCTS,
            p + "-list.csv",
            PRODUCT_HEADER
                + p
                + "G,"
                + p
                + "-S,Marked goods,1001,S,1000,2500,https://img.example.com/a.jpg,demo-shop\n"
                + p
                + "G,"
                + p
                + "-M,Marked goods,1001,M,1000,2500,https://img.example.com/b.jpg,demo-shop\n");
    awaitImport(name);

    final JsonNode listing =
        await()
            .atMost(Duration.ofSeconds(40))
            .until(
                () ->
                    api.get("/api/listings?outerGoodsId=" + p + "G", api.admin())
                        .body()
                        .path("items"),
                items -> items.size() == 1 && items.get(0).path("status").asText().equals("LISTED"))
            .get(0);
    assertThat(listing.path("source").asText()).isEqualTo("ERP");
    assertThat(listing.path("skus")).hasSize(2);
    assertThat(listing.path("images")).hasSize(2);
  }

  // ---- helpers

  private static String prefix() {
    return "E" + SERIAL.incrementAndGet();
  }

  /** A product through the API's upload, so that stock files may name it. */
  private String product() {
    final String p = prefix();
    final TestApi.Answer answer =
        api.upload(
            "/integrations/erp/products",
            PRODUCT_HEADER + p + "G," + p + ",Thing " + p + ",1001,one,100,200,,\n",
            new MediaType("text", "csv"),
            api.admin());
    assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    return p;
  }

  /** Writes the file beside the inbox, then moves it in at once, as a careful ERP does. */
  private String drop(final ImportKind kind, final String name, final String content)
      throws IOException {
    final Path folder = routes.folder(kind);
    final Path temporary = folder.resolve("." + name + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    return name;
  }

  private List<JsonNode> importsNamed(final String name) {
    final List<JsonNode> found = new ArrayList<>();
    api.get("/api/imports?size=200", api.admin())
        .body()
        .path("items")
        .forEach(
            i -> {
              if (name.equals(i.path("fileName").asText())) {
                found.add(i);
              }
            });
    return found;
  }

  private JsonNode awaitImport(final String name) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> importsNamed(name),
            found -> found.size() == 1 && !found.get(0).path("status").asText().equals("RUNNING"))
        .get(0);
  }

  private Path awaitMoved(final ImportKind kind, final String name, final String to) {
    final Path folder = routes.folder(kind);
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              try (Stream<Path> files = Files.walk(folder.resolve(to))) {
                return files
                    .filter(
                        f ->
                            f.getFileName()
                                .toString()
                                .startsWith(name.substring(0, name.lastIndexOf('.'))))
                    .findFirst()
                    .orElse(null);
              } catch (final IOException missing) {
                return null;
              }
            },
            moved -> moved != null && !Files.exists(folder.resolve(name)));
  }

  private JsonNode incident(final String businessKey) {
    for (final JsonNode i :
        api.get("/api/incidents?status=OPEN&size=200", api.admin()).body().path("items")) {
      if (businessKey.equals(i.path("businessKey").asText())) {
        return i;
      }
    }
    return null;
  }

  private int onHand(final String sku) {
    return api.get("/api/inventory/" + sku, api.admin()).body().path("onHand").asInt();
  }

  private void setOnHand(final String sku, final int onHand) {
    api.call(
        org.springframework.http.HttpMethod.PUT,
        "/api/inventory/" + sku,
        java.util.Map.of("onHand", onHand),
        api.admin());
  }
}
