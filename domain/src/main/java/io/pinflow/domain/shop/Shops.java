package io.pinflow.domain.shop;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.access.Secrets;
import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.ForbiddenException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Registering shops and reading them within the caller's boundary. */
public class Shops {

  public static final String PLATFORM_PDD = "PDD";
  private static final Pattern SHOP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ShopRepository repository;
  private final SecretCipher cipher;
  private final Clock clock;
  private final boolean simulatedPlatform;

  /**
   * @param simulatedPlatform whether new shops are bound to the built-in PDD simulator (embedded
   *     mode)
   */
  public Shops(
      final ShopRepository repository,
      final SecretCipher cipher,
      final Clock clock,
      final boolean simulatedPlatform) {
    this.repository = repository;
    this.cipher = cipher;
    this.clock = clock;
    this.simulatedPlatform = simulatedPlatform;
  }

  public record NewShop(
      String shopId,
      String name,
      String platform,
      String clientId,
      String clientSecret,
      Integer stockSafetyBuffer) {

    public NewShop(
        final String shopId,
        final String name,
        final String platform,
        final String clientId,
        final String clientSecret) {
      this(shopId, name, platform, clientId, clientSecret, null);
    }
  }

  /** What may change on a shop; absent fields stay as they are. */
  public record ShopChange(
      String name, String clientId, String clientSecret, Integer stockSafetyBuffer) {}

  /** The most a safety buffer may hold back, per SKU. */
  public static final int MAX_SAFETY_BUFFER = 1_000_000;

  public Shop register(final Actor actor, final NewShop request) {
    validate(request);
    if (!actor.shops().all()) {
      throw new ForbiddenException("only users granted all shops may register shops");
    }
    final boolean secretGiven = request.clientSecret() != null && !request.clientSecret().isBlank();
    final var shop =
        new Shop(
            request.shopId(),
            request.name().strip(),
            PLATFORM_PDD,
            blankToNull(request.clientId()) != null || !simulatedPlatform
                ? blankToNull(request.clientId())
                : simulatedClientId(request.shopId()),
            cipher.encrypt(
                secretGiven || !simulatedPlatform
                    ? request.clientSecret()
                    : Secrets.randomToken(32)),
            simulatedPlatform,
            request.stockSafetyBuffer() == null ? 0 : request.stockSafetyBuffer(),
            clock.instant());
    if (!repository.insert(shop)) {
      throw new ConflictException("shop-exists", "shop " + request.shopId() + " exists already");
    }
    return shop;
  }

  /** Creates the shop unless it exists; for start-up seeding of the simulated platform. */
  public void ensureSimulated(final String shopId, final String name) {
    if (repository.find(shopId).isEmpty()) {
      repository.insert(
          new Shop(
              shopId,
              name,
              PLATFORM_PDD,
              simulatedClientId(shopId),
              cipher.encrypt(Secrets.randomToken(32)),
              true,
              0,
              clock.instant()));
    }
  }

  /** Simulated shops get their own platform credentials, like a real app's. */
  private static String simulatedClientId(final String shopId) {
    return "sim-" + shopId;
  }

  public List<Shop> list(final Actor actor) {
    return repository.list(actor.shops());
  }

  public Shop find(final Actor actor, final String shopId) {
    return repository
        .find(shopId)
        .filter(shop -> actor.shops().allows(shop.shopId()))
        .orElseThrow(() -> new NotFoundException("shop", shopId));
  }

  /** Changes a shop's name, credentials or stock safety buffer. */
  public Shop change(final Actor actor, final String shopId, final ShopChange change) {
    final Shop shop = find(actor, shopId);
    final List<FieldError> errors = new ArrayList<>();
    if (change.name() != null && (change.name().isBlank() || change.name().length() > 200)) {
      errors.add(new FieldError("name", "at most 200 characters, not blank"));
    }
    if (change.clientId() != null && change.clientId().length() > 128) {
      errors.add(new FieldError("clientId", "at most 128 characters"));
    }
    if (change.clientSecret() != null && change.clientSecret().length() > 256) {
      errors.add(new FieldError("clientSecret", "at most 256 characters"));
    }
    bufferErrors(change.stockSafetyBuffer(), errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    final Shop changed =
        new Shop(
            shop.shopId(),
            change.name() == null ? shop.name() : change.name().strip(),
            shop.platform(),
            change.clientId() == null ? shop.clientId() : blankToNull(change.clientId()),
            change.clientSecret() == null
                ? shop.clientSecretEncrypted()
                : cipher.encrypt(change.clientSecret()),
            shop.simulated(),
            change.stockSafetyBuffer() == null
                ? shop.stockSafetyBuffer()
                : change.stockSafetyBuffer(),
            shop.createdAt());
    repository.update(changed);
    return changed;
  }

  private static void bufferErrors(final Integer buffer, final List<FieldError> errors) {
    if (buffer != null && (buffer < 0 || buffer > MAX_SAFETY_BUFFER)) {
      errors.add(
          new FieldError("stockSafetyBuffer", "between 0 and " + MAX_SAFETY_BUFFER + " units"));
    }
  }

  /** The shop's client secret in clear, for signing platform calls. */
  public String clientSecret(final Shop shop) {
    return shop.hasClientSecret() ? cipher.decrypt(shop.clientSecretEncrypted()) : null;
  }

  private static void validate(final NewShop request) {
    final List<FieldError> errors = new ArrayList<>();
    if (request.shopId() == null || !SHOP_ID.matcher(request.shopId()).matches()) {
      errors.add(new FieldError("shopId", "1-64 letters, digits, '_' or '-'"));
    }
    if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
      errors.add(new FieldError("name", "required, at most 200 characters"));
    }
    if (request.platform() != null && !PLATFORM_PDD.equals(request.platform())) {
      errors.add(new FieldError("platform", "must be PDD"));
    }
    if (request.clientId() != null && request.clientId().length() > 128) {
      errors.add(new FieldError("clientId", "at most 128 characters"));
    }
    if (request.clientSecret() != null && request.clientSecret().length() > 256) {
      errors.add(new FieldError("clientSecret", "at most 256 characters"));
    }
    bufferErrors(request.stockSafetyBuffer(), errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static String blankToNull(final String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Whether each of the shops exists; unknown ones are reported as field errors. */
  public void requireExisting(final ShopScope scope, final String field) {
    if (scope.all()) {
      return;
    }
    final var existing = repository.existing(scope.shops());
    final var unknown = scope.shops().stream().filter(s -> !existing.contains(s)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw ValidationException.of(field, "unknown shops " + unknown);
    }
  }
}
