package io.pinflow.domain.jdbc;

/** Told after a commit that added outbox messages, so that they go out at once. */
public interface OutboxWakeUp {

  void messagesAdded();
}
