package io.pinflow.domain.outbox;

import java.time.Duration;
import java.util.Map;

/**
 * A message for the workflow engine: its name, correlation key and a unique id that makes a
 * repeated publication harmless; the variables it carries; how long the engine buffers it when no
 * process waits for it yet.
 */
public record OutboxMessage(
    String name,
    String correlationKey,
    String messageId,
    Map<String, Object> variables,
    Duration timeToLive) {

  public OutboxMessage {
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }
}
