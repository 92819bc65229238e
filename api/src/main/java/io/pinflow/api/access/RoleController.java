package io.pinflow.api.access;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.access.AccessAdministration;
import io.pinflow.domain.access.Permission;
import io.pinflow.domain.access.Role;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/roles")
public class RoleController {

  private final AccessAdministration access;

  public RoleController(final AccessAdministration access) {
    this.access = access;
  }

  public record RoleView(String name, Set<String> permissions, boolean builtin) {

    static RoleView of(final Role role) {
      final Set<String> permissions = new TreeSet<>();
      role.permissions().stream().map(Permission::value).forEach(permissions::add);
      return new RoleView(role.name(), permissions, role.builtin());
    }
  }

  public record RoleRequest(String name, Set<String> permissions) {}

  @GetMapping
  public List<RoleView> list() {
    return access.roles().stream().map(RoleView::of).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Audited(action = "role.create", target = "ROLE")
  public RoleView create(@RequestBody final RoleRequest request) {
    AuditRecord.current().target(request.name(), null);
    final Role role = access.createRole(CurrentActor.get(), request.name(), request.permissions());
    AuditRecord.current()
        .target(role.name(), null)
        .detail("permissions=" + RoleView.of(role).permissions());
    return RoleView.of(role);
  }
}
