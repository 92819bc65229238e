package io.pinflow.api.access;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.shop.Shop;
import io.pinflow.domain.shop.Shops;
import io.pinflow.domain.shop.Shops.NewShop;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/shops")
public class ShopController {

  private final Shops shops;

  public ShopController(final Shops shops) {
    this.shops = shops;
  }

  /** A shop as the API shows it: whether a client secret is set, never the secret. */
  public record ShopView(
      String shopId,
      String name,
      String platform,
      String clientId,
      boolean clientSecretSet,
      boolean simulated,
      Instant createdAt) {

    static ShopView of(final Shop shop) {
      return new ShopView(
          shop.shopId(),
          shop.name(),
          shop.platform(),
          shop.clientId(),
          shop.hasClientSecret(),
          shop.simulated(),
          shop.createdAt());
    }
  }

  public record ShopRequest(
      String shopId, String name, String platform, String clientId, String clientSecret) {}

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
                request.clientSecret()));
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
