package io.pinflow.domain.redrive;

import java.time.Instant;
import java.util.List;

/**
 * One re-drive of a business object in one engine run: where its new instance started, why, and the
 * instance's key once the engine created it.
 */
public record Redrive(
    String engineRun,
    String businessType,
    String businessKey,
    String processId,
    List<String> startElements,
    String reason,
    Long processInstanceKey,
    Instant claimedAt,
    Instant startedAt) {

  public Redrive {
    startElements = List.copyOf(startElements);
  }
}
