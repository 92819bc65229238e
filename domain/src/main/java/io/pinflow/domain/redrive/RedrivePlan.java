package io.pinflow.domain.redrive;

import java.util.List;
import java.util.Map;

/**
 * Where a business object's process starts again after the engine forgot it: the process, the steps
 * to start before (element ids of the model), the variables the rest of the flow needs, why (for
 * people), and the messages not published yet that the new instance makes pointless (its own start
 * message, and requests such as a cancellation that it handles from the stored state).
 */
public record RedrivePlan(
    String businessType,
    String businessKey,
    String orderSn,
    String shopId,
    String processId,
    List<String> startBefore,
    Map<String, Object> variables,
    String reason,
    List<String> supersededMessageIds,
    List<String> supersededMessageNames) {

  public RedrivePlan {
    if (startBefore == null || startBefore.isEmpty()) {
      throw new IllegalArgumentException("a re-drive starts before at least one step");
    }
    startBefore = List.copyOf(startBefore);
    variables = Map.copyOf(variables);
    supersededMessageIds = List.copyOf(supersededMessageIds);
    supersededMessageNames = List.copyOf(supersededMessageNames);
  }

  /** {@code TYPE:key}, for logs. */
  public String describe() {
    return businessType + " " + businessKey + " → " + String.join(" + ", startBefore);
  }
}
