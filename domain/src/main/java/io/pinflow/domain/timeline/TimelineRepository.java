package io.pinflow.domain.timeline;

import java.util.List;

public interface TimelineRepository {

  void append(TimelineEvent event);

  /** Everything about an order, including its after-sales cases, oldest first. */
  List<TimelineEvent> forOrder(String orderSn);

  List<TimelineEvent> forBusinessObject(String businessType, String businessKey);
}
