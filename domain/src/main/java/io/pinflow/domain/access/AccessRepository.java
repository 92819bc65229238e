package io.pinflow.domain.access;

import java.util.List;
import java.util.Optional;

/** Users, roles and API keys. */
public interface AccessRepository {

  List<Role> roles();

  Optional<Role> role(String name);

  void saveRole(Role role);

  long countUsers();

  Optional<User> user(String username);

  List<User> users();

  void insertUser(User user);

  /** Writes the user if its version is still {@code user.version() - 1}; false otherwise. */
  boolean updateUser(User user);

  void insertApiKey(ApiKey apiKey);

  Optional<ApiKey> apiKeyByHash(String keyHash);

  Optional<ApiKey> apiKey(String keyId);

  List<ApiKey> apiKeys();

  void revokeApiKey(String keyId, java.time.Instant at);
}
