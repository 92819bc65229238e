package io.pinflow.connectors.pdd;

import io.pinflow.domain.shop.Shop;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.shop.Shops;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The credentials a shop's PDD calls are signed with: its app's client id and secret (kept
 * encrypted), and the shop's access token. Shops on the built-in simulator get theirs when they are
 * registered; real shops set them on registration and through the token configuration.
 */
@Component
public class PddCredentials {

  /** One shop's signing material. */
  public record Credentials(String clientId, String clientSecret, String accessToken) {}

  private final ShopRepository shopRepository;
  private final Shops shops;
  private final String accessTokenTemplate;

  public PddCredentials(
      final ShopRepository shopRepository,
      final Shops shops,
      @Value("${pinflow.pdd.access-token-template:sim-token-{shopId}}")
          final String accessTokenTemplate) {
    this.shopRepository = shopRepository;
    this.shops = shops;
    this.accessTokenTemplate = accessTokenTemplate;
  }

  public Credentials of(final String shopId) {
    final Shop shop =
        shopRepository
            .find(shopId)
            .orElseThrow(() -> new IllegalArgumentException("unknown shop " + shopId));
    final String secret = shops.clientSecret(shop);
    if (shop.clientId() == null || secret == null) {
      throw new PddApiException(
          "credentials",
          PddApiException.NOT_AUTHORISED,
          null,
          "shop " + shopId + " has no PDD client credentials");
    }
    return new Credentials(
        shop.clientId(), secret, accessTokenTemplate.replace("{shopId}", shopId));
  }
}
