package io.pinflow.domain.incident;

/** Puts the work behind an incident back on its way: the job, or the dead-lettered message. */
public interface IncidentRetrier {

  boolean supports(Incident.Kind kind);

  void retry(Incident incident);
}
