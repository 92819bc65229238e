package io.pinflow.domain.timeline;

import java.time.Clock;
import java.util.List;

/** Records and reads what happened to orders and the other business objects. */
public class Timeline {

  public static final String SYSTEM = "pinflow";

  private final TimelineRepository repository;
  private final Clock clock;

  public Timeline(final TimelineRepository repository, final Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public void order(
      final String orderSn, final String type, final String detail, final String actor) {
    repository.append(
        new TimelineEvent(
            null, TimelineEvent.ORDER, orderSn, orderSn, clock.instant(), type, detail, actor));
  }

  public void record(
      final String businessType,
      final String businessKey,
      final String orderSn,
      final String type,
      final String detail,
      final String actor) {
    repository.append(
        new TimelineEvent(
            null, businessType, businessKey, orderSn, clock.instant(), type, detail, actor));
  }

  public List<TimelineEvent> ofOrder(final String orderSn) {
    return repository.forOrder(orderSn);
  }

  public List<TimelineEvent> of(final String businessType, final String businessKey) {
    return repository.forBusinessObject(businessType, businessKey);
  }
}
