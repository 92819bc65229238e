package io.pinflow.api.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.connectors.erp.ErpImportRoutes;
import io.pinflow.domain.erp.ImportKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/**
 * ERP imports of large files, both ways in: a product file uploaded to {@code POST
 * /integrations/erp/products} (the answer comes when the import is done) and a stock file for the
 * same SKUs dropped into the ERP inbox folder (done when {@code GET /api/imports} says so). Rows a
 * second from the import's own start and finish times, and from the client's view.
 */
final class ErpImportRate {

  static final String PART = "import";
  private static final String PRODUCT_HEADER =
      "outerGoodsId,outerSkuId,title,categoryId,spec,costFen,priceFen,images,listOnShop";

  private ErpImportRate() {}

  static PartResult run(
      final BenchmarkSettings settings, final PinflowUnderTest app, final Http http)
      throws IOException, InterruptedException {
    final int rows = settings.imports().rows();
    final PartResult result = new PartResult(PART);
    final String prefix = "IMP" + System.currentTimeMillis() % 1_000_000;
    final Path workDir = app.dataDir().getParent();

    final Path products = workDir.resolve("import-products.csv");
    try (BufferedWriter out = Files.newBufferedWriter(products, StandardCharsets.UTF_8)) {
      out.write(PRODUCT_HEADER);
      out.newLine();
      for (int i = 0; i < rows; i++) {
        // 5 sizes per goods, as an apparel catalogue has
        out.write(
            "%s-G%06d,%s-%07d,\"Cotton T-shirt %d, crew neck\",1001,%s,%d,%d,https://img.example.com/%s/%d.jpg,"
                .formatted(
                    prefix,
                    i / 5,
                    prefix,
                    i,
                    i / 5,
                    new String[] {"S", "M", "L", "XL", "XXL"}[i % 5],
                    1_000 + i % 500,
                    2_500 + i % 700,
                    prefix,
                    i / 5));
        out.newLine();
      }
    }
    final ResourceMeter.Sample beforeUpload = ResourceMeter.sample();
    final Http.Answer uploaded =
        http.upload("/integrations/erp/products", products, "text/csv").expect(201);
    final ResourceMeter.Usage uploadUsage =
        ResourceMeter.between(beforeUpload, ResourceMeter.sample());
    final JsonNode productImport =
        http.get("/api/imports/" + uploaded.json().path("importId").asLong()).expect(200).json();
    final double uploadSeconds = uploaded.nanos() / 1e9;
    report(
        result,
        "product file, " + rows + " rows, HTTP upload",
        productImport,
        rows,
        uploadSeconds,
        "upload to answer",
        uploadUsage);

    final Path stock = workDir.resolve("import-stock.csv");
    try (BufferedWriter out = Files.newBufferedWriter(stock, StandardCharsets.UTF_8)) {
      out.write("outerSkuId,onHand");
      out.newLine();
      for (int i = 0; i < rows; i++) {
        out.write("%s-%07d,%d".formatted(prefix, i, 10 + i % 990));
        out.newLine();
      }
    }
    final Path inbox = app.bean(ErpImportRoutes.class).folder(ImportKind.STOCK);
    final String name = prefix + "-stock.csv";
    final Path staged = Files.copy(stock, inbox.resolve("." + name + ".tmp"));
    final ResourceMeter.Sample beforeDrop = ResourceMeter.sample();
    final long dropped = System.nanoTime();
    Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    final JsonNode stockImport = awaitImport(http, name, Duration.ofMinutes(10));
    final double dropSeconds = (System.nanoTime() - dropped) / 1e9;
    report(
        result,
        "stock file, " + rows + " rows, inbox folder",
        stockImport,
        rows,
        dropSeconds,
        "drop to done, incl. the folder's poll delay and settle time",
        ResourceMeter.between(beforeDrop, ResourceMeter.sample()));
    return result;
  }

  private static void report(
      final PartResult result,
      final String what,
      final JsonNode imported,
      final int rows,
      final double clientSeconds,
      final String clientView,
      final ResourceMeter.Usage usage) {
    final Instant started = Instant.parse(imported.path("startedAt").asText());
    final Instant finished = Instant.parse(imported.path("finishedAt").asText());
    final double importSeconds = Duration.between(started, finished).toNanos() / 1e9;
    final double perSecond = rows / importSeconds;
    result.judged(
        what + ": rows/s",
        Figure.number(perSecond, 0)
            + " (%s s; %s: %s rows/s in %s s)"
                .formatted(
                    Figure.number(importSeconds, 1),
                    clientView,
                    Figure.number(rows / clientSeconds, 0),
                    Figure.number(clientSeconds, 1)),
        "≥ 20,000",
        perSecond >= 20_000);
    result.detail(
        "%s: status %s, accepted %d, rejected %d; %s per row."
            .formatted(
                what,
                imported.path("status").asText(),
                imported.path("recordsAccepted").asInt(),
                imported.path("recordsRejected").asInt(),
                usage.perUnit(rows, "row").replace(" per row", "")));
  }

  private static JsonNode awaitImport(final Http http, final String name, final Duration timeout)
      throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (final JsonNode item :
          http.get("/api/imports?size=50").expect(200).json().path("items")) {
        if (name.equals(item.path("fileName").asText())
            && !item.path("status").asText().equals("RUNNING")) {
          return item;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " was not imported within " + timeout);
  }
}
