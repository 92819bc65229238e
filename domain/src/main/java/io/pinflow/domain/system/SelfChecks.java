package io.pinflow.domain.system;

import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.UUID;

/** Requests and records end-to-end self-checks. */
public class SelfChecks {

  private final SelfCheckRepository repository;
  private final Clock clock;

  public SelfChecks(final SelfCheckRepository repository, final Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public String request() {
    final String checkId = UUID.randomUUID().toString();
    repository.insertRequested(checkId, clock.instant());
    return checkId;
  }

  /** Idempotent: a redelivered job finds the check already recorded. */
  public SelfCheck record(
      final String checkId, final long processInstanceKey, final String worker) {
    repository.markRecorded(checkId, clock.instant(), processInstanceKey, worker);
    return find(checkId);
  }

  public SelfCheck find(final String checkId) {
    return repository
        .find(checkId)
        .orElseThrow(() -> new NoSuchElementException("no self-check " + checkId));
  }
}
