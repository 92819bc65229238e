package io.pinflow.api.incidents;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.Incidents;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Failed jobs and dead-lettered connector messages, with their business key; retryable. */
@RestController
@RequestMapping("/api/incidents")
public class IncidentController {

  private final Incidents incidents;

  public IncidentController(final Incidents incidents) {
    this.incidents = incidents;
  }

  public record IncidentView(
      long incidentKey,
      String kind,
      String status,
      String businessKey,
      String shopId,
      String errorType,
      String errorMessage,
      Long jobKey,
      String jobType,
      Long processInstanceKey,
      String elementId,
      String source,
      int retries,
      Instant createdAt,
      Instant resolvedAt,
      String resolvedBy) {

    static IncidentView of(final Incident i) {
      return new IncidentView(
          i.incidentId(),
          i.kind().name(),
          i.status().name(),
          i.businessKey(),
          i.shopId(),
          i.errorType(),
          i.errorMessage(),
          i.jobKey(),
          i.jobType(),
          i.processInstanceKey(),
          i.elementId(),
          i.source(),
          i.retries(),
          i.createdAt(),
          i.resolvedAt(),
          i.resolvedBy());
    }
  }

  @GetMapping
  public Page<IncidentView> list(
      @RequestParam(required = false) final Incident.Status status,
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return incidents
        .list(CurrentActor.get(), status, PageRequest.of(page, size))
        .map(IncidentView::of);
  }

  @GetMapping("/{incidentKey}")
  public IncidentView get(@PathVariable final long incidentKey) {
    return IncidentView.of(incidents.get(CurrentActor.get(), incidentKey));
  }

  @PostMapping("/{incidentKey}/retry")
  @Audited(action = "incident.retry", target = "INCIDENT")
  public IncidentView retry(@PathVariable final long incidentKey) {
    final Incident incident = incidents.retry(CurrentActor.get(), incidentKey);
    AuditRecord.current()
        .shop(incident.shopId())
        .detail(incident.kind() + " " + incident.businessKey());
    return IncidentView.of(incident);
  }
}
