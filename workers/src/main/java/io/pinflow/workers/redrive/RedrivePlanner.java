package io.pinflow.workers.redrive;

import io.pinflow.domain.redrive.RedrivePlan;
import java.util.List;
import java.util.Optional;

/**
 * Reads one kind of business object from the database and tells where its process starts again: the
 * step its stored state points at, with the variables the rest of the flow needs.
 */
interface RedrivePlanner {

  /** The business type of the objects (timeline and audit): ORDER, AFTERSALE, LISTING, CAMPAIGN. */
  String businessType();

  /** The objects not finished, oldest first. */
  List<String> unfinished();

  /** Where the object's process starts again; empty when it is finished (meanwhile). */
  Optional<RedrivePlan> plan(String businessKey);
}
