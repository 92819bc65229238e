package io.pinflow.api.access;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.security.CredentialCache;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.access.AccessAdministration;
import io.pinflow.domain.access.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/api-keys")
public class ApiKeyController {

  private final AccessAdministration access;
  private final CredentialCache credentials;

  public ApiKeyController(final AccessAdministration access, final CredentialCache credentials) {
    this.access = access;
    this.credentials = credentials;
  }

  public record ApiKeyRequest(String name, Set<String> roles, Set<String> shops) {}

  /** The answer to a new key: the only time the key itself is shown. */
  public record IssuedKeyView(
      String id, String key, String name, Set<String> roles, Set<String> shops) {}

  /** A key as listed: its id and prefix for recognition, never the key. */
  public record ApiKeyView(
      String id,
      String name,
      String prefix,
      Set<String> roles,
      Set<String> shops,
      String createdBy,
      Instant createdAt,
      Instant revokedAt) {

    static ApiKeyView of(final ApiKey key) {
      return new ApiKeyView(
          key.keyId(),
          key.name(),
          key.keyPrefix(),
          new TreeSet<>(key.roles()),
          key.shops().asGrant(),
          key.createdBy(),
          key.createdAt(),
          key.revokedAt());
    }
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Audited(action = "api-key.create", target = "API_KEY")
  public IssuedKeyView create(@RequestBody final ApiKeyRequest request) {
    final var issued =
        access.issueApiKey(CurrentActor.get(), request.name(), request.roles(), request.shops());
    final ApiKey key = issued.apiKey();
    AuditRecord.current()
        .target(key.keyId(), null)
        .detail(
            "name="
                + key.name()
                + " roles="
                + new TreeSet<>(key.roles())
                + " shops="
                + key.shops().asGrant());
    return new IssuedKeyView(
        key.keyId(), issued.key(), key.name(), new TreeSet<>(key.roles()), key.shops().asGrant());
  }

  @GetMapping
  public List<ApiKeyView> list() {
    return access.apiKeys(CurrentActor.get()).stream().map(ApiKeyView::of).toList();
  }

  @DeleteMapping("/{id}")
  @Audited(action = "api-key.revoke", target = "API_KEY")
  public ApiKeyView revoke(@PathVariable final String id) {
    final ApiKey key = access.revokeApiKey(CurrentActor.get(), id);
    credentials.invalidateAll();
    return ApiKeyView.of(key);
  }
}
