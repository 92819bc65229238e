package io.pinflow.domain.incident;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import java.time.Clock;
import java.util.List;

/** Lists incidents within the caller's shops and retries them. */
public class Incidents {

  private final IncidentRepository repository;
  private final List<IncidentRetrier> retriers;
  private final Clock clock;

  public Incidents(
      final IncidentRepository repository,
      final List<IncidentRetrier> retriers,
      final Clock clock) {
    this.repository = repository;
    this.retriers = List.copyOf(retriers);
    this.clock = clock;
  }

  /** Who resolved the job incidents an engine restart made pointless. */
  public static final String ENGINE_RESTART = "engine-restart";

  public long recordJobFailure(final Incident incident) {
    return repository.recordJobFailure(incident);
  }

  /**
   * After a start: the failed jobs of an earlier engine run are gone, their incidents cannot be
   * retried (a job key of that run may name another job now). A re-driven process runs the step
   * again, and a new failure is a new incident.
   */
  public int resolveJobIncidentsOfEarlierEngineRuns() {
    return repository.resolveJobIncidentsOfEarlierEngineRuns(ENGINE_RESTART, clock.instant());
  }

  /**
   * Records a message a connector gave up on; while an incident for the same source and business
   * key is open, a repeated failure (the next sync round) adds no second one.
   */
  public long recordDeadLetter(final Incident incident) {
    if (incident.businessKey() != null) {
      final var open = repository.openMessageIncident(incident.source(), incident.businessKey());
      if (open.isPresent()) {
        return open.get();
      }
    }
    return repository.recordDeadLetter(incident);
  }

  public Page<Incident> list(
      final Actor actor, final Incident.Status status, final PageRequest page) {
    return repository.list(actor.shops(), status, page);
  }

  public Incident get(final Actor actor, final long incidentId) {
    return repository
        .find(incidentId)
        .filter(i -> i.shopId() == null || actor.shops().allows(i.shopId()))
        .orElseThrow(() -> new NotFoundException("incident", Long.toString(incidentId)));
  }

  /** Retries the failed work once; an incident already retried or resolved is a conflict. */
  public Incident retry(final Actor actor, final long incidentId) {
    final Incident incident = get(actor, incidentId);
    if (incident.status() != Incident.Status.OPEN) {
      throw new ConflictException(
          "incident-not-open",
          "incident " + incidentId + " is " + incident.status().name().toLowerCase());
    }
    if (!repository.markRetried(incidentId, actor.name(), clock.instant())) {
      throw new ConflictException(
          "incident-not-open", "incident " + incidentId + " is being retried");
    }
    final IncidentRetrier retrier =
        retriers.stream()
            .filter(r -> r.supports(incident.kind()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no retrier for " + incident.kind()));
    try {
      retrier.retry(incident);
    } catch (final RuntimeException e) {
      repository.reopen(incidentId);
      throw e;
    }
    return repository.find(incidentId).orElseThrow();
  }
}
