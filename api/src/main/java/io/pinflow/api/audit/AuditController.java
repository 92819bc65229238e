package io.pinflow.api.audit;

import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.audit.AuditEntry;
import io.pinflow.domain.audit.AuditQuery;
import io.pinflow.domain.audit.AuditTrail;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import java.time.OffsetDateTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/audit")
public class AuditController {

  private final AuditTrail trail;

  public AuditController(final AuditTrail trail) {
    this.trail = trail;
  }

  /** Newest first; a reader limited to some shops sees the entries of those shops. */
  @GetMapping
  public Page<AuditEntry> search(
      @RequestParam(required = false) final String actor,
      @RequestParam(required = false) final String action,
      @RequestParam(required = false) final OffsetDateTime from,
      @RequestParam(required = false) final OffsetDateTime to,
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return trail.search(
        new AuditQuery(
            actor,
            action,
            from == null ? null : from.toInstant(),
            to == null ? null : to.toInstant(),
            CurrentActor.get().shops(),
            PageRequest.of(page, size)));
  }
}
