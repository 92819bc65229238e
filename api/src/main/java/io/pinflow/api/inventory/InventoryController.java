package io.pinflow.api.inventory;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.catalog.Catalog;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import io.pinflow.domain.stock.StockLevel;
import io.pinflow.domain.stock.StockPush;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stock per SKU; the ERP sets it, a person may correct it. */
@RestController
@RequestMapping("/api/inventory")
public class InventoryController {

  private final StockLedger stock;
  private final Catalog catalog;
  private final StockPush stockPush;

  public InventoryController(
      final StockLedger stock, final Catalog catalog, final StockPush stockPush) {
    this.stock = stock;
    this.catalog = catalog;
    this.stockPush = stockPush;
  }

  /**
   * A SKU's stock, and what PDD shows of it on each shop where it is listed: the last figure
   * pushed, whether a newer one is on its way, and why the last push failed, if it did.
   */
  public record StockView(
      String outerSkuId, int onHand, int reserved, int available, List<OnPdd> onPdd) {}

  public record OnPdd(
      String shopId,
      long goodsId,
      Integer pushedQuantity,
      Instant pushedAt,
      boolean pushPending,
      String failure) {}

  private StockView view(final StockLevel level) {
    final var actor = CurrentActor.get();
    return new StockView(
        level.outerSkuId(),
        level.onHand(),
        level.reserved(),
        level.available(),
        stockPush.ofSku(level.outerSkuId()).stream()
            .filter(p -> actor.shops().allows(p.shopId()))
            .map(
                p ->
                    new OnPdd(
                        p.shopId(),
                        p.goodsId(),
                        p.pushedQuantity(),
                        p.pushedAt(),
                        p.dirty(),
                        p.failure()))
            .toList());
  }

  public record StockCorrection(Integer onHand) {}

  @GetMapping("/{outerSkuId}")
  public StockView get(@PathVariable final String outerSkuId) {
    return view(stock.level(outerSkuId));
  }

  /** Sets the counted quantity (absolute); orders waiting for this SKU try again. */
  @PutMapping("/{outerSkuId}")
  @Audited(action = "inventory.set", target = "SKU")
  public StockView set(
      @PathVariable final String outerSkuId, @RequestBody final StockCorrection correction) {
    catalog.find(outerSkuId);
    if (correction == null || correction.onHand() == null) {
      throw ValidationException.of("onHand", "required");
    }
    stock.setOnHand(List.of(new StockDemand(outerSkuId, correction.onHand())));
    AuditRecord.current().detail("onHand=" + correction.onHand());
    return view(stock.level(outerSkuId));
  }
}
