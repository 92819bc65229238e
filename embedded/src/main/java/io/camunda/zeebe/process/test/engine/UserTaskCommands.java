/*
 * Pinflow: the user-task commands (complete, assign) the in-memory engine's gRPC gateway lacks.
 *
 * Camunda 8.8 takes them over its REST API only; the embedded runtime writes them to the engine's
 * log itself and hears the engine's answer through OwnCommandResponses.
 */
package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.UnsafeBuffer;

public final class UserTaskCommands {

  /** Marks the engine's answers to these commands, apart from the gRPC gateway's requests. */
  static final int REQUEST_STREAM_ID = 0x50_46_55_54;

  private final CommandWriter writer;
  private final AtomicLong requestIds = new AtomicLong();
  private final Map<Long, CompletableFuture<Result>> pending = new ConcurrentHashMap<>();

  UserTaskCommands(final CommandWriter writer) {
    this.writer = writer;
  }

  /**
   * The engine's answer: the event the command led to, or why it was rejected.
   *
   * @param rejection {@code null} when the command was carried out
   */
  public record Result(String intent, RejectionType rejection, String reason) {

    public boolean accepted() {
      return rejection == null;
    }
  }

  /**
   * Completes the user task with {@code variablesJson} (a JSON object, or {@code null}) set on the
   * process instance.
   */
  public CompletableFuture<Result> complete(
      final long userTaskKey, final String variablesJson, final String action) {
    final var record = new UserTaskRecord().setUserTaskKey(userTaskKey);
    record.setAction(action == null || action.isBlank() ? "complete" : action);
    if (variablesJson != null && !variablesJson.isBlank()) {
      record.setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(variablesJson)));
    }
    return write(userTaskKey, UserTaskIntent.COMPLETE, record);
  }

  /**
   * Assigns the user task to {@code assignee}; without {@code allowOverride} only when nobody else
   * holds it (a claim).
   */
  public CompletableFuture<Result> assign(
      final long userTaskKey,
      final String assignee,
      final String action,
      final boolean allowOverride) {
    final var record = new UserTaskRecord().setUserTaskKey(userTaskKey).setAssignee(assignee);
    record.setAction(
        action == null || action.isBlank() ? (allowOverride ? "assign" : "claim") : action);
    return write(userTaskKey, allowOverride ? UserTaskIntent.ASSIGN : UserTaskIntent.CLAIM, record);
  }

  /** Takes the user task's assignee away. */
  public CompletableFuture<Result> unassign(final long userTaskKey, final String action) {
    final var record = new UserTaskRecord().setUserTaskKey(userTaskKey).setAssignee("");
    record.setAction(action == null || action.isBlank() ? "unassign" : action);
    return write(userTaskKey, UserTaskIntent.ASSIGN, record);
  }

  private CompletableFuture<Result> write(
      final long key, final UserTaskIntent intent, final UserTaskRecord record) {
    final long requestId = requestIds.incrementAndGet();
    final var answer = new CompletableFuture<Result>();
    pending.put(requestId, answer);
    final var metadata =
        new RecordMetadata()
            .recordType(RecordType.COMMAND)
            .valueType(ValueType.USER_TASK)
            .intent(intent)
            .requestStreamId(REQUEST_STREAM_ID)
            .requestId(requestId);
    try {
      writer.writeCommandWithKey(key, record, metadata);
    } catch (final RuntimeException e) {
      pending.remove(requestId);
      answer.completeExceptionally(e);
    }
    return answer.whenComplete((result, failure) -> pending.remove(requestId));
  }

  /** Whether the engine's answer belongs to one of these commands. */
  static boolean isOwn(final int requestStreamId) {
    return requestStreamId == REQUEST_STREAM_ID;
  }

  void answer(
      final long requestId,
      final Intent intent,
      final RejectionType rejection,
      final String reason) {
    final CompletableFuture<Result> answer = pending.remove(requestId);
    if (answer != null) {
      answer.complete(
          new Result(
              intent == null ? null : intent.name(),
              rejection == null || rejection == RejectionType.NULL_VAL ? null : rejection,
              reason));
    }
  }
}
