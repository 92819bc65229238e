package io.pinflow.api.access;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.shop.Shop;
import io.pinflow.domain.shop.Shops;
import io.pinflow.domain.shop.Shops.NewShop;
import io.pinflow.domain.stock.StockPush;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/shops")
public class ShopController {

  private final Shops shops;
  private final StockPush stockPush;

  public ShopController(final Shops shops, final StockPush stockPush) {
    this.shops = shops;
    this.stockPush = stockPush;
  }

  /** A shop as the API shows it: whether a client secret is set, never the secret. */
  public record ShopView(
      String shopId,
      String name,
      String platform,
      String clientId,
      boolean clientSecretSet,
      boolean simulated,
      int stockSafetyBuffer,
      Instant createdAt) {

    static ShopView of(final Shop shop) {
      return new ShopView(
          shop.shopId(),
          shop.name(),
          shop.platform(),
          shop.clientId(),
          shop.hasClientSecret(),
          shop.simulated(),
          shop.stockSafetyBuffer(),
          shop.createdAt());
    }
  }

  public record ShopRequest(
      String shopId,
      String name,
      String platform,
      String clientId,
      String clientSecret,
      Integer stockSafetyBuffer) {}

  /** What may change on a shop; absent fields stay as they are. */
  public record ShopChangeRequest(
      String name, String clientId, String clientSecret, Integer stockSafetyBuffer) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Audited(action = "shop.create", target = "SHOP")
  public ShopView create(@RequestBody final ShopRequest request) {
    AuditRecord.current().target(request.shopId(), request.shopId());
    final Shop shop =
        shops.register(
            CurrentActor.get(),
            new NewShop(
                request.shopId(),
                request.name(),
                request.platform(),
                request.clientId(),
                request.clientSecret(),
                request.stockSafetyBuffer()));
    return ShopView.of(shop);
  }

  /** Changes name, credentials or the stock safety buffer (stock figures are pushed again). */
  @PutMapping("/{shopId}")
  @Audited(action = "shop.change", target = "SHOP")
  public ShopView change(
      @PathVariable final String shopId, @RequestBody final ShopChangeRequest request) {
    AuditRecord.current().target(shopId, shopId);
    final Shop shop =
        shops.change(
            CurrentActor.get(),
            shopId,
            new Shops.ShopChange(
                request.name(),
                request.clientId(),
                request.clientSecret(),
                request.stockSafetyBuffer()));
    if (request.stockSafetyBuffer() != null) {
      stockPush.shopChanged(shopId);
    }
    return ShopView.of(shop);
  }

  @GetMapping
  public List<ShopView> list() {
    return shops.list(CurrentActor.get()).stream().map(ShopView::of).toList();
  }

  @GetMapping("/{shopId}")
  public ShopView get(@PathVariable final String shopId) {
    return ShopView.of(shops.find(CurrentActor.get(), shopId));
  }
}
