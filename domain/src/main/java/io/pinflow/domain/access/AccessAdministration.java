package io.pinflow.domain.access;

import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.ForbiddenException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import io.pinflow.domain.shop.Shops;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Users, roles and API keys, and the rule that keeps administration from escalating: nobody grants
 * a permission or a shop they do not hold themselves.
 */
public class AccessAdministration {

  public static final String ADMIN_USERNAME = "admin";
  static final int MIN_PASSWORD_LENGTH = 12;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
  private static final Pattern ROLE_NAME = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
  private static final String KEY_PREFIX = "pf_";

  private final AccessRepository repository;
  private final PasswordHasher passwords;
  private final Shops shops;
  private final Clock clock;
  private volatile String unknownUserHash;

  public AccessAdministration(
      final AccessRepository repository,
      final PasswordHasher passwords,
      final Shops shops,
      final Clock clock) {
    this.repository = repository;
    this.passwords = passwords;
    this.shops = shops;
    this.clock = clock;
  }

  /** Creates the built-in roles that are missing; idempotent, run at every start. */
  @Transactional
  public void ensureBuiltinRoles() {
    for (final Role role : BuiltinRoles.all()) {
      if (repository.role(role.name()).map(r -> !r.equals(role)).orElse(true)) {
        repository.saveRole(role);
      }
    }
  }

  /**
   * On an empty user table, creates {@code admin} with the given password, or a random one.
   *
   * @return the generated password, which the caller shows once; empty when none was generated
   */
  @Transactional
  public Optional<String> bootstrapAdmin(final String configuredPassword) {
    if (repository.countUsers() > 0) {
      return Optional.empty();
    }
    final boolean generate = configuredPassword == null || configuredPassword.isBlank();
    final String password = generate ? Secrets.randomToken(20) : configuredPassword;
    final var now = clock.instant();
    repository.insertUser(
        new User(
            ADMIN_USERNAME,
            passwords.hash(password),
            true,
            Set.of(BuiltinRoles.ADMIN),
            ShopScope.everything(),
            0,
            now,
            now));
    return generate ? Optional.of(password) : Optional.empty();
  }

  // ---- authentication

  public Optional<Actor> authenticate(final String username, final String password) {
    final Optional<User> user = repository.user(username).filter(User::enabled);
    if (user.isEmpty()) {
      // as slow as a wrong password, so that response times do not reveal who exists
      passwords.matches(password, unknownUserHash());
      return Optional.empty();
    }
    return user.filter(u -> passwords.matches(password, u.passwordHash()))
        .map(u -> actor(u.username(), Actor.Type.USER, u.roles(), u.shops()));
  }

  private String unknownUserHash() {
    if (unknownUserHash == null) {
      unknownUserHash = passwords.hash(Secrets.randomToken(24));
    }
    return unknownUserHash;
  }

  /** The actor of an API key, unless the key is unknown or revoked. */
  public Optional<Actor> authenticateKey(final String rawKey) {
    if (rawKey == null || !rawKey.startsWith(KEY_PREFIX) || rawKey.length() > 100) {
      return Optional.empty();
    }
    return repository
        .apiKeyByHash(Secrets.sha256(rawKey))
        .filter(key -> !key.isRevoked())
        .map(key -> actor("key:" + key.name(), Actor.Type.API_KEY, key.roles(), key.shops()));
  }

  /** The version of a user's record; a change invalidates cached sign-ins. */
  public Optional<Integer> userVersion(final String username) {
    return repository.user(username).filter(User::enabled).map(User::version);
  }

  private Actor actor(
      final String name, final Actor.Type type, final Set<String> roles, final ShopScope scope) {
    return new Actor(name, type, roles, permissionsOf(roles), scope);
  }

  private Set<Permission> permissionsOf(final Collection<String> roleNames) {
    final Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    for (final String name : roleNames) {
      repository.role(name).ifPresent(role -> permissions.addAll(role.permissions()));
    }
    return permissions;
  }

  // ---- roles

  public List<Role> roles() {
    return repository.roles();
  }

  @Transactional
  public Role createRole(
      final Actor actor, final String name, final Collection<String> permissionNames) {
    final List<FieldError> errors = new ArrayList<>();
    if (name == null || !ROLE_NAME.matcher(name).matches()) {
      errors.add(
          new FieldError("name", "2-64 upper-case letters, digits or '_', starting with a letter"));
    }
    final Set<Permission> permissions = parsePermissions(permissionNames, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    requireHeldBy(actor, permissions);
    if (repository.role(name).isPresent()) {
      throw new ConflictException("role-exists", "role " + name + " exists already");
    }
    final var role = new Role(name, permissions, false);
    repository.saveRole(role);
    return role;
  }

  private static Set<Permission> parsePermissions(
      final Collection<String> names, final List<FieldError> errors) {
    if (names == null || names.isEmpty()) {
      errors.add(new FieldError("permissions", "at least one permission"));
      return Set.of();
    }
    final Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    for (final String value : names) {
      Permission.parse(value)
          .ifPresentOrElse(
              permissions::add,
              () ->
                  errors.add(new FieldError("permissions", "unknown permission '" + value + "'")));
    }
    return permissions;
  }

  // ---- users

  public record NewUser(String username, String password, Set<String> roles, Set<String> shops) {}

  public record UserChange(
      String password, Set<String> roles, Set<String> shops, Boolean enabled) {}

  public List<User> users(final Actor actor) {
    return repository.users().stream().filter(user -> manages(actor, user)).toList();
  }

  @Transactional
  public User createUser(final Actor actor, final NewUser request) {
    final List<FieldError> errors = new ArrayList<>();
    if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
      errors.add(new FieldError("username", "3-64 letters, digits, '.', '_' or '-'"));
    }
    checkPassword(request.password(), errors);
    final Set<String> roles = checkRoles(request.roles(), errors);
    final ShopScope scope = checkShops(request.shops(), errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    shops.requireExisting(scope, "shops");
    requireGrantable(actor, roles, scope);
    if (repository.user(request.username()).isPresent()) {
      throw new ConflictException("user-exists", "user " + request.username() + " exists already");
    }
    final var now = clock.instant();
    final var user =
        new User(
            request.username(),
            passwords.hash(request.password()),
            true,
            roles,
            scope,
            0,
            now,
            now);
    repository.insertUser(user);
    return user;
  }

  @Transactional
  public User updateUser(final Actor actor, final String username, final UserChange change) {
    final User current =
        repository.user(username).orElseThrow(() -> new NotFoundException("user", username));
    if (!manages(actor, current)) {
      throw new ForbiddenException("user " + username + " holds more than you may grant");
    }
    final List<FieldError> errors = new ArrayList<>();
    if (change.password() != null) {
      checkPassword(change.password(), errors);
    }
    final Set<String> roles =
        change.roles() == null ? current.roles() : checkRoles(change.roles(), errors);
    final ShopScope scope =
        change.shops() == null ? current.shops() : checkShops(change.shops(), errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    shops.requireExisting(scope, "shops");
    requireGrantable(actor, roles, scope);
    if (actor.name().equals(username) && Boolean.FALSE.equals(change.enabled())) {
      throw new ConflictException("self-disable", "you cannot disable your own account");
    }
    final var updated =
        new User(
            current.username(),
            change.password() == null ? current.passwordHash() : passwords.hash(change.password()),
            change.enabled() == null ? current.enabled() : change.enabled(),
            roles,
            scope,
            current.version() + 1,
            current.createdAt(),
            clock.instant());
    if (!repository.updateUser(updated)) {
      throw new ConflictException(
          "concurrent-change", "user " + username + " was changed meanwhile");
    }
    return updated;
  }

  private static void checkPassword(final String password, final List<FieldError> errors) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 128) {
      errors.add(
          new FieldError("password", "between " + MIN_PASSWORD_LENGTH + " and 128 characters"));
    }
  }

  private Set<String> checkRoles(final Set<String> roles, final List<FieldError> errors) {
    if (roles == null || roles.isEmpty()) {
      errors.add(new FieldError("roles", "at least one role"));
      return Set.of();
    }
    final Set<String> known =
        repository.roles().stream().map(Role::name).collect(Collectors.toSet());
    roles.stream()
        .filter(role -> !known.contains(role))
        .sorted()
        .forEach(role -> errors.add(new FieldError("roles", "unknown role '" + role + "'")));
    return Set.copyOf(roles);
  }

  private static ShopScope checkShops(final Set<String> grant, final List<FieldError> errors) {
    if (grant == null || grant.isEmpty()) {
      errors.add(new FieldError("shops", "[\"*\"] for all shops, or a list of shop ids"));
      return ShopScope.of(Set.of());
    }
    if (grant.contains(ShopScope.ALL_SHOPS) && grant.size() > 1) {
      errors.add(new FieldError("shops", "\"*\" stands alone"));
    }
    return ShopScope.fromGrant(grant);
  }

  /** Whether the actor holds everything the user holds (so may change or see the user). */
  private boolean manages(final Actor actor, final User user) {
    return actor.permissions().containsAll(permissionsOf(user.roles()))
        && user.shops().isWithin(actor.shops());
  }

  private void requireGrantable(final Actor actor, final Set<String> roles, final ShopScope scope) {
    requireHeldBy(actor, permissionsOf(roles));
    if (!scope.isWithin(actor.shops())) {
      throw new ForbiddenException("you may only grant shops you are granted yourself");
    }
  }

  private static void requireHeldBy(final Actor actor, final Set<Permission> permissions) {
    final var missing = permissions.stream().filter(p -> !actor.can(p)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new ForbiddenException(
          "you may only grant permissions you hold yourself; missing " + missing);
    }
  }

  // ---- API keys

  /** A new key: the record as stored, and the key itself, which is shown this once. */
  public record IssuedKey(ApiKey apiKey, String key) {}

  @Transactional
  public IssuedKey issueApiKey(
      final Actor actor, final String name, final Set<String> roleNames, final Set<String> grant) {
    final List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isBlank() || name.length() > 100) {
      errors.add(new FieldError("name", "required, at most 100 characters"));
    }
    final Set<String> roles = checkRoles(roleNames, errors);
    final ShopScope scope = checkShops(grant, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    shops.requireExisting(scope, "shops");
    requireGrantable(actor, roles, scope);
    final String keyId = Secrets.randomToken(12);
    final String secret = Secrets.randomToken(40);
    final String key = KEY_PREFIX + secret;
    final var apiKey =
        new ApiKey(
            keyId,
            name.strip(),
            Secrets.sha256(key),
            key.substring(0, KEY_PREFIX.length() + 6),
            roles,
            scope,
            actor.name(),
            clock.instant(),
            null);
    repository.insertApiKey(apiKey);
    return new IssuedKey(apiKey, key);
  }

  /**
   * A key Pinflow issues to itself (e.g. for the built-in simulators' callbacks): earlier keys of
   * the same name are revoked, so that each start leaves exactly one valid.
   */
  @Transactional
  public IssuedKey reissueSystemKey(final String name, final Set<String> roles) {
    repository.apiKeys().stream()
        .filter(key -> key.name().equals(name) && !key.isRevoked())
        .filter(key -> Actor.system().name().equals(key.createdBy()))
        .forEach(key -> repository.revokeApiKey(key.keyId(), clock.instant()));
    return issueApiKey(Actor.system(), name, roles, Set.of(ShopScope.ALL_SHOPS));
  }

  public List<ApiKey> apiKeys(final Actor actor) {
    return repository.apiKeys().stream().filter(k -> k.shops().isWithin(actor.shops())).toList();
  }

  @Transactional
  public ApiKey revokeApiKey(final Actor actor, final String keyId) {
    final ApiKey key =
        repository
            .apiKey(keyId)
            .filter(k -> k.shops().isWithin(actor.shops()))
            .orElseThrow(() -> new NotFoundException("API key", keyId));
    if (!key.isRevoked()) {
      repository.revokeApiKey(keyId, clock.instant());
    }
    return repository.apiKey(keyId).orElseThrow();
  }
}
