package io.pinflow.domain.redrive;

import java.time.Instant;
import java.util.List;

/** The re-drives of business objects, one per object and engine run. */
public interface RedriveRepository {

  /**
   * Claims the re-drive of the plan's object in this engine run; false when it was claimed in this
   * run before (re-driven already, or being re-driven).
   */
  boolean claim(RedrivePlan plan, Instant at);

  /** The engine created the instance. */
  void started(RedrivePlan plan, long processInstanceKey, Instant at);

  /** The engine refused or did not answer: the claim goes, a later attempt may claim again. */
  void release(RedrivePlan plan);

  /** The re-drives of this engine run, in the order they were claimed. */
  List<Redrive> ofThisRun();

  /** Every re-drive of a business object, oldest first. */
  List<Redrive> of(String businessType, String businessKey);
}
