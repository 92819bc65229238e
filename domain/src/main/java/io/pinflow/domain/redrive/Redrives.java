package io.pinflow.domain.redrive;

import io.pinflow.domain.audit.AuditEntry;
import io.pinflow.domain.audit.AuditTrail;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.timeline.Timeline;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * The bookkeeping of re-drives: a claim per object and engine run (so that nothing is re-driven
 * twice), and once the engine created the instance its key, the messages it made pointless dropped
 * from the outbox, an entry on the object's timeline and in the audit trail.
 */
public class Redrives {

  /** The timeline entry of a re-drive. */
  public static final String REDRIVEN = "PROCESS_REDRIVEN";

  /** The audit action of a re-drive. */
  public static final String AUDIT_ACTION = "process.redrive";

  private final RedriveRepository repository;
  private final Outbox outbox;
  private final Timeline timeline;
  private final AuditTrail audit;
  private final Clock clock;

  public Redrives(
      final RedriveRepository repository,
      final Outbox outbox,
      final Timeline timeline,
      final AuditTrail audit,
      final Clock clock) {
    this.repository = repository;
    this.outbox = outbox;
    this.timeline = timeline;
    this.audit = audit;
    this.clock = clock;
  }

  /** Claims the object for this engine run; false when it was re-driven in this run before. */
  public boolean claim(final RedrivePlan plan) {
    return repository.claim(plan, clock.instant());
  }

  /** The instance exists: recorded with its key, and the superseded messages are dropped. */
  @Transactional
  public void started(final RedrivePlan plan, final long processInstanceKey) {
    repository.started(plan, processInstanceKey, clock.instant());
    final int dropped =
        outbox.discard(
            plan.supersededMessageIds(), plan.businessKey(), plan.supersededMessageNames());
    final String detail =
        plan.processId()
            + " instance "
            + processInstanceKey
            + " started before "
            + String.join(", ", plan.startBefore())
            + ": "
            + plan.reason()
            + (dropped > 0 ? " (" + dropped + " unpublished message(s) superseded)" : "");
    timeline.record(
        plan.businessType(), plan.businessKey(), plan.orderSn(), REDRIVEN, detail, Timeline.SYSTEM);
    audit.record(
        Timeline.SYSTEM,
        "SYSTEM",
        AuditTrail.Event.of(AUDIT_ACTION, plan.businessType(), plan.businessKey())
            .inShop(plan.shopId())
            .withDetail(detail),
        AuditEntry.Outcome.SUCCESS,
        null);
  }

  /** The engine did not create the instance: the claim is released, the failure audited. */
  public void failed(final RedrivePlan plan, final String error) {
    repository.release(plan);
    audit.record(
        Timeline.SYSTEM,
        "SYSTEM",
        AuditTrail.Event.of(AUDIT_ACTION, plan.businessType(), plan.businessKey())
            .inShop(plan.shopId())
            .withDetail(plan.describe() + ": " + error),
        AuditEntry.Outcome.FAILED,
        null);
  }
}
