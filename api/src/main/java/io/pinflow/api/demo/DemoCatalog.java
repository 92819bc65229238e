package io.pinflow.api.demo;

import io.pinflow.domain.catalog.Catalog;
import io.pinflow.domain.catalog.Catalog.SkuRecord;
import io.pinflow.domain.catalog.SkuRepository;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Embedded mode's demo catalogue: a few T-shirt SKUs with stock, created once, so that an order
 * placed on the simulated PDD can ship without any setup.
 */
@Component
@ConditionalOnProperty(name = "pinflow.mode", havingValue = "embedded", matchIfMissing = true)
public class DemoCatalog implements SmartInitializingSingleton {

  static final List<SkuRecord> SKUS =
      List.of(
          new SkuRecord(
              "TEE-CLASSIC", "SKU-RED-M", "Classic tee, red, M", 1001L, "red/M", 1800L, 4990L),
          new SkuRecord(
              "TEE-CLASSIC", "SKU-RED-L", "Classic tee, red, L", 1001L, "red/L", 1800L, 4990L),
          new SkuRecord(
              "TEE-CLASSIC", "SKU-BLUE-M", "Classic tee, blue, M", 1001L, "blue/M", 1800L, 4990L),
          new SkuRecord(
              "TEE-CLASSIC", "SKU-BLUE-L", "Classic tee, blue, L", 1001L, "blue/L", 1800L, 4990L),
          new SkuRecord("MUG-LOGO", "SKU-MUG", "Logo mug", 2002L, "350ml", 900L, 2990L));

  private final Catalog catalog;
  private final SkuRepository skus;
  private final StockLedger stock;

  public DemoCatalog(final Catalog catalog, final SkuRepository skus, final StockLedger stock) {
    this.catalog = catalog;
    this.skus = skus;
    this.stock = stock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    final List<String> ids = SKUS.stream().map(SkuRecord::outerSkuId).toList();
    final var known = skus.existing(ids);
    final List<SkuRecord> missing =
        SKUS.stream().filter(s -> !known.contains(s.outerSkuId())).toList();
    if (missing.isEmpty()) {
      return;
    }
    catalog.upsert(missing);
    stock.setOnHand(missing.stream().map(s -> new StockDemand(s.outerSkuId(), 100)).toList());
  }
}
