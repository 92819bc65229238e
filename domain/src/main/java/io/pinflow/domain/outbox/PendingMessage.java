package io.pinflow.domain.outbox;

/** A stored message not yet taken by the engine. */
public record PendingMessage(long id, OutboxMessage message, int attempts) {}
