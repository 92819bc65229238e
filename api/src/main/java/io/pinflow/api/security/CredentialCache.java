package io.pinflow.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.pinflow.domain.access.AccessAdministration;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.access.Secrets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks passwords and API keys, and remembers a successful check for a short while: BCrypt costs
 * tens of milliseconds by design, too much for every request of a busy client. Entries are keyed by
 * a digest of the credentials, never by the credentials, and are dropped when the user or key
 * changes in this instance (in other instances they expire after {@code ttl}).
 */
@Component
public class CredentialCache {

  private final AccessAdministration access;
  private final Cache<String, Actor> verified;

  public CredentialCache(
      final AccessAdministration access,
      @Value("${pinflow.security.credential-cache-ttl:60s}") final Duration ttl) {
    this.access = access;
    this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
  }

  public Optional<Actor> password(final String username, final String password) {
    final String digest = "u:" + Secrets.sha256(username + '\u0000' + password);
    final Actor cached = verified.getIfPresent(digest);
    if (cached != null) {
      return Optional.of(cached);
    }
    final Optional<Actor> actor = access.authenticate(username, password);
    actor.ifPresent(a -> verified.put(digest, a));
    return actor;
  }

  public Optional<Actor> apiKey(final String key) {
    final String digest = "k:" + Secrets.sha256(key);
    final Actor cached = verified.getIfPresent(digest);
    if (cached != null) {
      return Optional.of(cached);
    }
    final Optional<Actor> actor = access.authenticateKey(key);
    actor.ifPresent(a -> verified.put(digest, a));
    return actor;
  }

  /** After a change of users, roles or keys: sign-ins are checked afresh. */
  public void invalidateAll() {
    verified.invalidateAll();
  }
}
