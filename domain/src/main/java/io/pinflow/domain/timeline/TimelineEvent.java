package io.pinflow.domain.timeline;

import java.time.Instant;

/**
 * One thing that happened to a business object: a process step, a platform call, a warehouse event
 * or a person's decision. Events of after-sales cases also carry their order, so that an order's
 * timeline tells its whole story.
 */
public record TimelineEvent(
    Long id,
    String businessType,
    String businessKey,
    String orderSn,
    Instant at,
    String type,
    String detail,
    String actor) {

  public static final String ORDER = "ORDER";
  private static final int MAX_DETAIL = 1000;

  public TimelineEvent {
    if (detail != null && detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 1) + "…";
    }
  }
}
