package io.pinflow.domain.incident;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import java.time.Instant;
import java.util.Optional;

public interface IncidentRepository {

  /** Records a failed job; a job that fails again after a retry reopens its incident. */
  long recordJobFailure(Incident incident);

  long recordDeadLetter(Incident incident);

  /** The open MESSAGE incident of the same source and business key, if any. */
  Optional<Long> openMessageIncident(String source, String businessKey);

  Optional<Incident> find(long incidentId);

  Page<Incident> list(ShopScope scope, Incident.Status status, PageRequest page);

  boolean markRetried(long incidentId, String by, Instant at);

  /** Back to open, after a retry that could not be started. */
  void reopen(long incidentId);

  void markResolved(long incidentId, String by, Instant at);

  /**
   * Resolves the open job incidents of earlier engine runs, {@code by} the restart: an engine that
   * started afresh (embedded mode) no longer has their jobs. Returns how many.
   */
  int resolveJobIncidentsOfEarlierEngineRuns(String by, Instant at);
}
