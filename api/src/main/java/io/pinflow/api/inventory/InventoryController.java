package io.pinflow.api.inventory;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.domain.catalog.Catalog;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import io.pinflow.domain.stock.StockLevel;
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

  public InventoryController(final StockLedger stock, final Catalog catalog) {
    this.stock = stock;
    this.catalog = catalog;
  }

  public record StockView(String outerSkuId, int onHand, int reserved, int available) {

    static StockView of(final StockLevel level) {
      return new StockView(level.outerSkuId(), level.onHand(), level.reserved(), level.available());
    }
  }

  public record StockCorrection(Integer onHand) {}

  @GetMapping("/{outerSkuId}")
  public StockView get(@PathVariable final String outerSkuId) {
    return StockView.of(stock.level(outerSkuId));
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
    return StockView.of(stock.level(outerSkuId));
  }
}
