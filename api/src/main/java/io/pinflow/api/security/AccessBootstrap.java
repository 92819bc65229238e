package io.pinflow.api.security;

import io.pinflow.domain.access.AccessAdministration;
import io.pinflow.domain.shop.Shops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Before the first request: the built-in roles exist, an empty database gets its {@code admin}
 * (password from {@code PINFLOW_ADMIN_PASSWORD}, or a random one written to the log this once), and
 * embedded mode has its {@code demo-shop} on the simulated PDD.
 */
@Component
public class AccessBootstrap implements SmartInitializingSingleton {

  public static final String DEMO_SHOP = "demo-shop";
  private static final Logger LOG = LoggerFactory.getLogger(AccessBootstrap.class);

  private final AccessAdministration access;
  private final Shops shops;
  private final String adminPassword;
  private final boolean embedded;

  public AccessBootstrap(
      final AccessAdministration access,
      final Shops shops,
      @Value("${pinflow.admin-password:}") final String adminPassword,
      @Value("${pinflow.mode:embedded}") final String mode) {
    this.access = access;
    this.shops = shops;
    this.adminPassword = adminPassword;
    this.embedded = "embedded".equalsIgnoreCase(mode.strip());
  }

  @Override
  public void afterSingletonsInstantiated() {
    access.ensureBuiltinRoles();
    access
        .bootstrapAdmin(adminPassword)
        .ifPresentOrElse(
            generated ->
                LOG.warn(
                    "Created user 'admin' with the generated password {} (shown once; set"
                        + " PINFLOW_ADMIN_PASSWORD to choose it)",
                    generated),
            () -> LOG.debug("users exist, no admin created"));
    if (embedded) {
      shops.ensureSimulated(DEMO_SHOP, "Demo shop (simulated PDD)");
    }
  }
}
