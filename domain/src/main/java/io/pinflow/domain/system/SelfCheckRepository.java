package io.pinflow.domain.system;

import java.time.Instant;
import java.util.Optional;

public interface SelfCheckRepository {

  void insertRequested(String checkId, Instant requestedAt);

  /** Records the worker's visit once; a repeated call changes nothing and returns false. */
  boolean markRecorded(String checkId, Instant recordedAt, long processInstanceKey, String worker);

  Optional<SelfCheck> find(String checkId);
}
