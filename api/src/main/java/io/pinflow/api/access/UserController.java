package io.pinflow.api.access;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.security.CredentialCache;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.access.AccessAdministration;
import io.pinflow.domain.access.AccessAdministration.NewUser;
import io.pinflow.domain.access.AccessAdministration.UserChange;
import io.pinflow.domain.access.User;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
@RequestMapping("/api/users")
public class UserController {

  private final AccessAdministration access;
  private final CredentialCache credentials;

  public UserController(final AccessAdministration access, final CredentialCache credentials) {
    this.access = access;
    this.credentials = credentials;
  }

  /** A user as the API shows it; the password hash never leaves the application. */
  public record UserView(
      String username,
      boolean enabled,
      Set<String> roles,
      Set<String> shops,
      Instant createdAt,
      Instant updatedAt) {

    static UserView of(final User user) {
      return new UserView(
          user.username(),
          user.enabled(),
          new TreeSet<>(user.roles()),
          user.shops().asGrant(),
          user.createdAt(),
          user.updatedAt());
    }
  }

  public record UserRequest(
      String username, String password, Set<String> roles, Set<String> shops) {}

  public record UserUpdate(
      String password, Set<String> roles, Set<String> shops, Boolean enabled) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Audited(action = "user.create", target = "USER")
  public UserView create(@RequestBody final UserRequest request) {
    AuditRecord.current().target(request.username(), null);
    final User user =
        access.createUser(
            CurrentActor.get(),
            new NewUser(request.username(), request.password(), request.roles(), request.shops()));
    AuditRecord.current()
        .detail("roles=" + new TreeSet<>(user.roles()) + " shops=" + user.shops().asGrant());
    return UserView.of(user);
  }

  @GetMapping
  public List<UserView> list() {
    return access.users(CurrentActor.get()).stream().map(UserView::of).toList();
  }

  @PutMapping("/{username}")
  @Audited(action = "user.update", target = "USER")
  public UserView update(
      @PathVariable final String username, @RequestBody final UserUpdate change) {
    final User user =
        access.updateUser(
            CurrentActor.get(),
            username,
            new UserChange(change.password(), change.roles(), change.shops(), change.enabled()));
    credentials.invalidateAll();
    AuditRecord.current()
        .detail(
            "roles="
                + new TreeSet<>(user.roles())
                + " shops="
                + user.shops().asGrant()
                + " enabled="
                + user.enabled()
                + (change.password() != null ? " password changed" : ""));
    return UserView.of(user);
  }
}
