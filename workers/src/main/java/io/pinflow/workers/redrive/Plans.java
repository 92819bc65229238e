package io.pinflow.workers.redrive;

import io.pinflow.domain.redrive.RedrivePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds one {@link RedrivePlan}: the steps, the variables, and what it supersedes. */
final class Plans {

  /** The shortest a re-armed duration timer waits: the engine needs a positive duration. */
  static final Duration SHORTEST_TIMER = Duration.ofSeconds(1);

  private final String businessType;
  private final String businessKey;
  private final String orderSn;
  private final String shopId;
  private final String processId;
  private final Map<String, Object> variables = new LinkedHashMap<>();
  private final List<String> startBefore = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();
  private final List<String> supersededIds = new ArrayList<>();
  private final List<String> supersededNames = new ArrayList<>();

  Plans(
      final String businessType,
      final String businessKey,
      final String orderSn,
      final String shopId,
      final String processId,
      final Map<String, Object> variables) {
    this.businessType = businessType;
    this.businessKey = businessKey;
    this.orderSn = orderSn;
    this.shopId = shopId;
    this.processId = processId;
    variables.forEach(this::put);
  }

  /** A variable; null values are left out (a variable the flow reads as missing is null too). */
  Plans put(final String name, final Object value) {
    if (value != null) {
      variables.put(name, value);
    }
    return this;
  }

  Plans startBefore(final String elementId, final String reason) {
    startBefore.add(elementId);
    reasons.add(reason);
    return this;
  }

  /** A message not published yet that this re-drive makes pointless, by its id. */
  Plans supersedes(final String messageId) {
    supersededIds.add(messageId);
    return this;
  }

  /** Messages of this name for the object, not published yet, that this re-drive handles. */
  Plans supersedesAll(final String messageName) {
    supersededNames.add(messageName);
    return this;
  }

  Optional<RedrivePlan> plan() {
    return Optional.of(
        new RedrivePlan(
            businessType,
            businessKey,
            orderSn,
            shopId,
            processId,
            startBefore,
            variables,
            String.join("; ", reasons),
            supersededIds,
            supersededNames));
  }

  /**
   * What is left of a duration timer that started at {@code since}: the time it still has, at least
   * {@link #SHORTEST_TIMER}, as ISO-8601 (the models' duration timers read it).
   */
  static String remaining(final Duration timer, final Instant since, final Instant now) {
    if (since == null) {
      return timer.toString();
    }
    final Duration left = Duration.between(now, since.plus(timer));
    return (left.compareTo(SHORTEST_TIMER) < 0 ? SHORTEST_TIMER : left).toString();
  }
}
