package io.pinflow.domain.erp;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.catalog.Catalog;
import io.pinflow.domain.catalog.Catalog.SkuRecord;
import io.pinflow.domain.catalog.SkuRepository;
import io.pinflow.domain.catalog.SkuRepository.GoodsToList;
import io.pinflow.domain.common.DomainException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.common.ValidationException.FieldError;
import io.pinflow.domain.listing.Listings;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ERP imports of the product master and stock counts. A file is claimed by its content (the same
 * content twice is one import, however many consumers see it), read in batches that each commit
 * with their rejects, and finished with its counts. Re-running an interrupted import is safe: every
 * record is an upsert or an absolute quantity. Goods the product master marks for a shop get a
 * listing when the import finishes.
 */
public class ErpImports {

  private static final Logger LOG = LoggerFactory.getLogger(ErpImports.class);

  private final ErpImportRepository imports;
  private final Catalog catalog;
  private final SkuRepository skus;
  private final ShopRepository shops;
  private final StockLedger stock;
  private final Listings listings;
  private final Duration staleAfter;
  private final Clock clock;

  /** An arriving file or upload, before it is read. */
  public record Arrival(
      ImportKind kind,
      String contentHash,
      String source,
      String fileName,
      String format,
      long sizeBytes,
      String receivedBy) {}

  /** NEW: read it now; DUPLICATE: imported already; BUSY: another consumer is reading it. */
  public enum Outcome {
    NEW,
    DUPLICATE,
    BUSY
  }

  public record Claim(Outcome outcome, ErpImport erpImport) {}

  /** What one batch did: records taken, and those rejected with their reasons. */
  public record BatchResult(int accepted, List<ImportReject> rejected) {}

  public ErpImports(
      final ErpImportRepository imports,
      final Catalog catalog,
      final SkuRepository skus,
      final ShopRepository shops,
      final StockLedger stock,
      final Listings listings,
      final Duration staleAfter,
      final Clock clock) {
    this.imports = imports;
    this.catalog = catalog;
    this.skus = skus;
    this.shops = shops;
    this.stock = stock;
    this.listings = listings;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  /** Claims the arrival for {@code claimant}: a new import, a duplicate, or one being read. */
  public Claim claim(final Arrival arrival, final String claimant) {
    final Instant now = clock.instant();
    final ErpImport running =
        new ErpImport(
            0,
            arrival.kind(),
            arrival.contentHash(),
            arrival.source(),
            clip(arrival.fileName(), 255),
            arrival.format(),
            arrival.sizeBytes(),
            ErpImport.Status.RUNNING,
            0,
            0,
            0,
            null,
            clip(arrival.receivedBy(), 100),
            clip(claimant, 100),
            now,
            null);
    final var id = imports.insert(running);
    if (id.isPresent()) {
      return new Claim(Outcome.NEW, imports.find(id.get()).orElseThrow());
    }
    final ErpImport known =
        imports.find(arrival.kind(), arrival.contentHash()).orElseThrow(IllegalStateException::new);
    if (known.status() == ErpImport.Status.DONE) {
      return new Claim(Outcome.DUPLICATE, known);
    }
    if (imports.takeOver(known.importId(), clip(claimant, 100), now.minus(staleAfter), now)) {
      LOG.info(
          "Import {} ({}) was {}: {} runs it again",
          known.importId(),
          known.fileName(),
          known.status(),
          claimant);
      return new Claim(Outcome.NEW, imports.find(known.importId()).orElseThrow());
    }
    return new Claim(Outcome.BUSY, known);
  }

  /** Takes one batch of records: the good ones in, the bad ones rejected, all in one commit. */
  @Transactional
  public BatchResult apply(
      final ErpImport erpImport,
      final List<SourceRecord> batch,
      final int totalSoFar,
      final int acceptedSoFar,
      final int rejectedSoFar) {
    final BatchResult result =
        erpImport.kind() == ImportKind.PRODUCTS
            ? applyProducts(erpImport.importId(), batch)
            : applyStock(erpImport.importId(), batch);
    imports.addRejects(result.rejected());
    imports.progress(
        erpImport.importId(),
        totalSoFar + batch.size(),
        acceptedSoFar + result.accepted(),
        rejectedSoFar + result.rejected().size(),
        clock.instant());
    return result;
  }

  private BatchResult applyProducts(final long importId, final List<SourceRecord> batch) {
    final List<SkuRecord> valid = new ArrayList<>();
    final List<ImportReject> rejected = new ArrayList<>();
    final Map<String, Boolean> knownShops = new HashMap<>();
    for (final SourceRecord source : batch) {
      final List<String> problems = new ArrayList<>();
      final SkuRecord record = source.unreadable() == null ? product(source, problems) : null;
      if (source.unreadable() != null) {
        problems.add(source.unreadable());
      } else if (problems.isEmpty()) {
        Catalog.check(record, "").forEach(e -> problems.add(describe(e)));
        if (record.listOnShop() != null) {
          listingProblems(record, knownShops, problems);
        }
      }
      if (problems.isEmpty()) {
        valid.add(record);
      } else {
        rejected.add(reject(importId, source, problems));
      }
    }
    if (!valid.isEmpty()) {
      catalog.upsert(valid);
    }
    return new BatchResult(valid.size(), rejected);
  }

  private void listingProblems(
      final SkuRecord record, final Map<String, Boolean> knownShops, final List<String> problems) {
    if (!knownShops.computeIfAbsent(record.listOnShop(), shop -> shops.find(shop).isPresent())) {
      problems.add("listOnShop: unknown shop " + record.listOnShop());
    }
    if (record.categoryId() == null) {
      problems.add("categoryId: required to list on " + record.listOnShop());
    }
    if (record.images() == null || record.images().isEmpty()) {
      problems.add("images: at least one is required to list on " + record.listOnShop());
    }
    if (record.priceFen() == null || record.priceFen() <= 0) {
      problems.add("priceFen: more than 0 is required to list on " + record.listOnShop());
    }
    if (record.title() != null && record.title().strip().length() > 60) {
      problems.add("title: at most 60 characters to list on PDD");
    }
  }

  private static SkuRecord product(final SourceRecord source, final List<String> problems) {
    final Map<String, String> f = lowerCaseKeys(source.fields());
    final String images = text(f, "images");
    final String listOn = text(f, "listonshop");
    return new SkuRecord(
        text(f, "outergoodsid"),
        text(f, "outerskuid"),
        text(f, "title"),
        number(f, "categoryId", problems),
        text(f, "spec"),
        number(f, "costFen", problems),
        number(f, "priceFen", problems),
        images == null
            ? null
            : Arrays.stream(images.split("\\|"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList(),
        listOn);
  }

  private BatchResult applyStock(final long importId, final List<SourceRecord> batch) {
    final List<String> ids = new ArrayList<>();
    for (final SourceRecord source : batch) {
      final String id = text(lowerCaseKeys(source.fields()), "outerskuid");
      if (id != null) {
        ids.add(id);
      }
    }
    final Set<String> known = skus.existing(ids);
    final Map<String, StockDemand> valid = new java.util.LinkedHashMap<>();
    final List<ImportReject> rejected = new ArrayList<>();
    for (final SourceRecord source : batch) {
      final List<String> problems = new ArrayList<>();
      final Map<String, String> f = lowerCaseKeys(source.fields());
      final String sku = text(f, "outerskuid");
      Long onHand = null;
      if (source.unreadable() != null) {
        problems.add(source.unreadable());
      } else {
        onHand = number(f, "onHand", problems);
        if (sku == null) {
          problems.add("outerSkuId: required");
        } else if (!known.contains(sku)) {
          problems.add("outerSkuId: unknown SKU " + sku + ", import its product master first");
        }
        if (onHand == null && problems.isEmpty()) {
          problems.add("onHand: required");
        } else if (onHand != null && (onHand < 0 || onHand > 100_000_000)) {
          problems.add("onHand: between 0 and 100000000, got " + onHand);
        }
      }
      if (problems.isEmpty()) {
        valid.put(sku, new StockDemand(sku, onHand.intValue()));
      } else {
        rejected.add(reject(importId, source, problems));
      }
    }
    if (!valid.isEmpty()) {
      stock.setOnHand(List.copyOf(valid.values()));
    }
    return new BatchResult(batch.size() - rejected.size(), rejected);
  }

  /** The import went through; the product master's marked goods are listed. */
  public ErpImport finish(
      final long importId, final int total, final int accepted, final int rejected) {
    imports.finish(
        importId, ErpImport.Status.DONE, total, accepted, rejected, null, clock.instant());
    final ErpImport done = imports.find(importId).orElseThrow();
    if (done.kind() == ImportKind.PRODUCTS) {
      submitMarkedGoods(done);
    }
    return done;
  }

  private void submitMarkedGoods(final ErpImport done) {
    final Actor erp = Actor.system("erp-import-" + done.importId());
    for (final GoodsToList goods : skus.goodsToList(done.startedAt())) {
      try {
        final var intake = listings.submitFromCatalogue(erp, goods.shopId(), goods.outerGoodsId());
        if (intake.created()) {
          LOG.info(
              "Import {}: listing {} submitted for {} on {}",
              done.importId(),
              intake.listing().listingId(),
              goods.outerGoodsId(),
              goods.shopId());
        }
      } catch (final DomainException e) {
        LOG.warn(
            "Import {}: goods {} stays unlisted on {}: {}",
            done.importId(),
            goods.outerGoodsId(),
            goods.shopId(),
            e.getMessage());
      }
    }
  }

  /** The file as a whole could not be used (unreadable, no header, wrong columns). */
  public ErpImport fail(
      final long importId,
      final int total,
      final int accepted,
      final int rejected,
      final String error) {
    imports.finish(
        importId,
        ErpImport.Status.FAILED,
        total,
        accepted,
        rejected,
        clip(error, 1000),
        clock.instant());
    return imports.find(importId).orElseThrow();
  }

  /**
   * Applies the import's open rejects again, after their cause was fixed (a SKU imported, a shop
   * registered); returns how many are still open.
   */
  public int replayRejects(final long importId) {
    final ErpImport erpImport =
        imports
            .find(importId)
            .orElseThrow(() -> new NotFoundException("import", Long.toString(importId)));
    long after = 0;
    while (true) {
      final List<ImportReject> open = imports.openRejects(importId, after, 500);
      if (open.isEmpty()) {
        break;
      }
      after = open.getLast().recordNo();
      replayBatch(erpImport, open);
    }
    return imports.openRejectCount(importId);
  }

  // each step is an upsert or an absolute figure: an interrupted replay is simply replayed again
  private void replayBatch(final ErpImport erpImport, final List<ImportReject> open) {
    final List<SourceRecord> records =
        open.stream().map(r -> SourceRecord.of(r.recordNo(), r.line(), r.record())).toList();
    final BatchResult result =
        erpImport.kind() == ImportKind.PRODUCTS
            ? applyProducts(erpImport.importId(), records)
            : applyStock(erpImport.importId(), records);
    final Set<Long> still =
        result.rejected().stream()
            .map(ImportReject::recordNo)
            .collect(java.util.stream.Collectors.toSet());
    imports.addRejects(result.rejected());
    imports.resolveRejects(
        erpImport.importId(),
        open.stream().map(ImportReject::recordNo).filter(no -> !still.contains(no)).toList(),
        clock.instant());
  }

  public ErpImport get(final long importId) {
    return imports
        .find(importId)
        .orElseThrow(() -> new NotFoundException("import", Long.toString(importId)));
  }

  public Page<ErpImport> list(final PageRequest page) {
    return imports.list(page);
  }

  public Page<ImportReject> rejects(final long importId, final PageRequest page) {
    get(importId);
    return imports.rejects(importId, page);
  }

  private ImportReject reject(
      final long importId, final SourceRecord source, final List<String> problems) {
    return new ImportReject(
        importId,
        source.recordNo(),
        source.line(),
        clip(String.join("; ", problems), 500),
        source.fields(),
        ImportReject.Status.OPEN,
        null);
  }

  private static Map<String, String> lowerCaseKeys(final Map<String, String> fields) {
    final Map<String, String> lower = new HashMap<>();
    fields.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower;
  }

  private static String text(final Map<String, String> fields, final String key) {
    final String value = fields.get(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Long number(
      final Map<String, String> fields, final String name, final List<String> problems) {
    final String value = text(fields, name.toLowerCase(Locale.ROOT));
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (final NumberFormatException e) {
      problems.add(name + ": not a whole number: '" + clip(value, 40) + "'");
      return null;
    }
  }

  private static String describe(final FieldError error) {
    return error.field() + ": " + error.message();
  }

  private static String clip(final String value, final int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
