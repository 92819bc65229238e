package io.pinflow.domain.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.domain.outbox.PendingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox table. A message added inside a transaction is handed to the dispatcher right after
 * the commit (no waiting for the next sweep); published messages are deleted.
 */
@Repository
class JdbcOutbox implements Outbox {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectProvider<OutboxWakeUp> wakeUp;

  JdbcOutbox(final JdbcClient jdbc, final ObjectProvider<OutboxWakeUp> wakeUp) {
    this.jdbc = jdbc;
    this.wakeUp = wakeUp;
  }

  @Override
  public boolean add(final OutboxMessage message) {
    final Instant now = Instant.now();
    try {
      jdbc.sql(
              "INSERT INTO outbox_messages (message_name, correlation_key, message_id, variables,"
                  + " ttl_ms, next_attempt_at, created_at) VALUES (:name, :key, :id, :variables,"
                  + " :ttl, :now, :now)")
          .param("name", message.name())
          .param("key", message.correlationKey())
          .param("id", message.messageId())
          .param("variables", write(message.variables()))
          .param("ttl", message.timeToLive().toMillis())
          .param("now", Sql.timestamp(now))
          .update();
    } catch (final DuplicateKeyException sameMessage) {
      return false;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wakeUp.ifAvailable(OutboxWakeUp::messagesAdded);
            }
          });
    } else {
      wakeUp.ifAvailable(OutboxWakeUp::messagesAdded);
    }
    return true;
  }

  @Override
  public List<PendingMessage> due(final Instant now, final int limit) {
    return jdbc.sql(
            "SELECT id, message_name, correlation_key, message_id, variables, ttl_ms, attempts"
                + " FROM outbox_messages WHERE next_attempt_at <= :now ORDER BY id LIMIT :limit")
        .param("now", Sql.timestamp(now))
        .param("limit", limit)
        .query(
            (rs, row) ->
                new PendingMessage(
                    rs.getLong("id"),
                    new OutboxMessage(
                        rs.getString("message_name"),
                        rs.getString("correlation_key"),
                        rs.getString("message_id"),
                        read(rs.getString("variables")),
                        Duration.ofMillis(rs.getLong("ttl_ms"))),
                    rs.getInt("attempts")))
        .list();
  }

  @Override
  public void published(final java.util.Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("DELETE FROM outbox_messages WHERE id IN (:ids)").param("ids", ids).update();
    }
  }

  @Override
  public void failed(final long id, final String error, final Instant nextAttempt) {
    jdbc.sql(
            "UPDATE outbox_messages SET attempts = attempts + 1, last_error = :error,"
                + " next_attempt_at = :next WHERE id = :id")
        .param("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
        .param("next", Sql.timestamp(nextAttempt))
        .param("id", id)
        .update();
  }

  @Override
  public int discard(
      final java.util.Collection<String> messageIds,
      final String correlationKey,
      final List<String> names) {
    int dropped = 0;
    if (!messageIds.isEmpty()) {
      dropped +=
          jdbc.sql("DELETE FROM outbox_messages WHERE message_id IN (:ids)")
              .param("ids", messageIds)
              .update();
    }
    if (!names.isEmpty()) {
      dropped +=
          jdbc.sql(
                  "DELETE FROM outbox_messages WHERE correlation_key = :key"
                      + " AND message_name IN (:names)")
              .param("key", correlationKey)
              .param("names", names)
              .update();
    }
    return dropped;
  }

  private static String write(final Map<String, Object> variables) {
    try {
      return JSON.writeValueAsString(variables);
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException("message variables are not JSON-serialisable", e);
    }
  }

  private static Map<String, Object> read(final String json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, MAP);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("stored message variables unreadable", e);
    }
  }
}
