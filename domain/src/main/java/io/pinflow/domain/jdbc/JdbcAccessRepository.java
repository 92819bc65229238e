package io.pinflow.domain.jdbc;

import io.pinflow.domain.access.AccessRepository;
import io.pinflow.domain.access.ApiKey;
import io.pinflow.domain.access.Permission;
import io.pinflow.domain.access.Role;
import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.access.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAccessRepository implements AccessRepository {

  private final JdbcClient jdbc;

  JdbcAccessRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ---- roles

  @Override
  public List<Role> roles() {
    final Map<String, Set<Permission>> permissions = new HashMap<>();
    jdbc.sql("SELECT role_name, permission FROM role_permissions")
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list()
        .forEach(
            grant ->
                Permission.parse(grant.getValue())
                    .ifPresent(
                        p ->
                            permissions
                                .computeIfAbsent(
                                    grant.getKey(), k -> EnumSet.noneOf(Permission.class))
                                .add(p)));
    return jdbc.sql("SELECT name, builtin FROM roles ORDER BY name")
        .query(
            (rs, row) ->
                new Role(
                    rs.getString(1),
                    permissions.getOrDefault(rs.getString(1), Set.of()),
                    rs.getBoolean(2)))
        .list();
  }

  @Override
  public Optional<Role> role(final String name) {
    final Optional<Boolean> builtin =
        jdbc.sql("SELECT builtin FROM roles WHERE name = :name")
            .param("name", name)
            .query(Boolean.class)
            .optional();
    return builtin.map(
        b -> {
          final Set<Permission> permissions = EnumSet.noneOf(Permission.class);
          jdbc.sql("SELECT permission FROM role_permissions WHERE role_name = :name")
              .param("name", name)
              .query(String.class)
              .list()
              .forEach(p -> Permission.parse(p).ifPresent(permissions::add));
          return new Role(name, permissions, b);
        });
  }

  @Override
  public void saveRole(final Role role) {
    jdbc.sql(
            "INSERT INTO roles (name, builtin, created_at) VALUES (:name, :builtin, :now)"
                + " ON DUPLICATE KEY UPDATE builtin = VALUES(builtin)")
        .param("name", role.name())
        .param("builtin", role.builtin())
        .param("now", Sql.timestamp(Instant.now()))
        .update();
    jdbc.sql("DELETE FROM role_permissions WHERE role_name = :name")
        .param("name", role.name())
        .update();
    for (final Permission permission : role.permissions()) {
      jdbc.sql("INSERT INTO role_permissions (role_name, permission) VALUES (:name, :permission)")
          .param("name", role.name())
          .param("permission", permission.value())
          .update();
    }
  }

  // ---- users

  @Override
  public long countUsers() {
    return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
  }

  @Override
  public Optional<User> user(final String username) {
    return jdbc.sql(
            "SELECT username, password_hash, enabled, all_shops, version, created_at, updated_at"
                + " FROM users WHERE username = :username")
        .param("username", username)
        .query(
            (rs, row) ->
                new User(
                    rs.getString("username"),
                    rs.getString("password_hash"),
                    rs.getBoolean("enabled"),
                    grants("user_roles", "role_name", "username", username),
                    scope(
                        rs.getBoolean("all_shops"),
                        grants("user_shops", "shop_id", "username", username)),
                    rs.getInt("version"),
                    Sql.instant(rs, "created_at"),
                    Sql.instant(rs, "updated_at")))
        .optional();
  }

  @Override
  public List<User> users() {
    final List<String> names =
        jdbc.sql("SELECT username FROM users ORDER BY username").query(String.class).list();
    final List<User> users = new ArrayList<>(names.size());
    names.forEach(name -> user(name).ifPresent(users::add));
    return users;
  }

  @Override
  public void insertUser(final User user) {
    jdbc.sql(
            "INSERT INTO users (username, password_hash, enabled, all_shops, version, created_at,"
                + " updated_at) VALUES (:username, :hash, :enabled, :all, :version, :created,"
                + " :updated)")
        .param("username", user.username())
        .param("hash", user.passwordHash())
        .param("enabled", user.enabled())
        .param("all", user.shops().all())
        .param("version", user.version())
        .param("created", Sql.timestamp(user.createdAt()))
        .param("updated", Sql.timestamp(user.updatedAt()))
        .update();
    replaceGrants("user_roles", "role_name", "username", user.username(), user.roles());
    replaceGrants("user_shops", "shop_id", "username", user.username(), user.shops().shops());
  }

  @Override
  public boolean updateUser(final User user) {
    final int updated =
        jdbc.sql(
                "UPDATE users SET password_hash = :hash, enabled = :enabled, all_shops = :all,"
                    + " version = :version, updated_at = :updated"
                    + " WHERE username = :username AND version = :previous")
            .param("hash", user.passwordHash())
            .param("enabled", user.enabled())
            .param("all", user.shops().all())
            .param("version", user.version())
            .param("previous", user.version() - 1)
            .param("updated", Sql.timestamp(user.updatedAt()))
            .param("username", user.username())
            .update();
    if (updated == 0) {
      return false;
    }
    replaceGrants("user_roles", "role_name", "username", user.username(), user.roles());
    replaceGrants("user_shops", "shop_id", "username", user.username(), user.shops().shops());
    return true;
  }

  // ---- API keys

  private static final String KEY_COLUMNS =
      "key_id, name, key_hash, key_prefix, all_shops, created_by, created_at, revoked_at";

  @Override
  public void insertApiKey(final ApiKey key) {
    jdbc.sql(
            "INSERT INTO api_keys ("
                + KEY_COLUMNS
                + ") VALUES (:id, :name, :hash, :prefix, :all, :by, :created, NULL)")
        .param("id", key.keyId())
        .param("name", key.name())
        .param("hash", key.keyHash())
        .param("prefix", key.keyPrefix())
        .param("all", key.shops().all())
        .param("by", key.createdBy())
        .param("created", Sql.timestamp(key.createdAt()))
        .update();
    replaceGrants("api_key_roles", "role_name", "key_id", key.keyId(), key.roles());
    replaceGrants("api_key_shops", "shop_id", "key_id", key.keyId(), key.shops().shops());
  }

  @Override
  public Optional<ApiKey> apiKeyByHash(final String keyHash) {
    return keys("key_hash = :value", keyHash).stream().findFirst();
  }

  @Override
  public Optional<ApiKey> apiKey(final String keyId) {
    return keys("key_id = :value", keyId).stream().findFirst();
  }

  @Override
  public List<ApiKey> apiKeys() {
    return keys("TRUE", null);
  }

  @Override
  public void revokeApiKey(final String keyId, final Instant at) {
    jdbc.sql("UPDATE api_keys SET revoked_at = :at WHERE key_id = :id AND revoked_at IS NULL")
        .param("at", Sql.timestamp(at))
        .param("id", keyId)
        .update();
  }

  private List<ApiKey> keys(final String condition, final String value) {
    var statement =
        jdbc.sql(
            "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE " + condition + " ORDER BY created_at");
    if (value != null) {
      statement = statement.param("value", value);
    }
    return statement
        .query(
            (rs, row) -> {
              final String id = rs.getString("key_id");
              return new ApiKey(
                  id,
                  rs.getString("name"),
                  rs.getString("key_hash"),
                  rs.getString("key_prefix"),
                  grants("api_key_roles", "role_name", "key_id", id),
                  scope(
                      rs.getBoolean("all_shops"), grants("api_key_shops", "shop_id", "key_id", id)),
                  rs.getString("created_by"),
                  Sql.instant(rs, "created_at"),
                  Sql.instant(rs, "revoked_at"));
            })
        .list();
  }

  // ---- grant tables (fixed table and column names, never user input)

  private Set<String> grants(
      final String table, final String column, final String owner, final String ownerValue) {
    return new HashSet<>(
        jdbc.sql("SELECT " + column + " FROM " + table + " WHERE " + owner + " = :owner")
            .param("owner", ownerValue)
            .query(String.class)
            .list());
  }

  private void replaceGrants(
      final String table,
      final String column,
      final String owner,
      final String ownerValue,
      final Collection<String> values) {
    jdbc.sql("DELETE FROM " + table + " WHERE " + owner + " = :owner")
        .param("owner", ownerValue)
        .update();
    for (final String value : values) {
      jdbc.sql("INSERT INTO " + table + " (" + owner + ", " + column + ") VALUES (:owner, :value)")
          .param("owner", ownerValue)
          .param("value", value)
          .update();
    }
  }

  private static ShopScope scope(final boolean all, final Set<String> shops) {
    return all ? ShopScope.everything() : ShopScope.of(shops);
  }
}
