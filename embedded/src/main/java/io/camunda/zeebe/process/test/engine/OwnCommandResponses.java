/*
 * Pinflow: routes the engine's answers either to the gRPC gateway's waiting requests or to the
 * user-task commands Pinflow wrote itself.
 */
package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.util.buffer.BufferUtil;
import io.camunda.zeebe.util.buffer.BufferWriter;
import org.agrona.DirectBuffer;

final class OwnCommandResponses implements CommandResponseWriter {

  private final CommandResponseWriter gateway;
  private final UserTaskCommands userTasks;
  private Intent intent;
  private RejectionType rejectionType = RejectionType.NULL_VAL;
  private String rejectionReason = "";

  OwnCommandResponses(final CommandResponseWriter gateway, final UserTaskCommands userTasks) {
    this.gateway = gateway;
    this.userTasks = userTasks;
  }

  @Override
  public CommandResponseWriter partitionId(final int partitionId) {
    gateway.partitionId(partitionId);
    return this;
  }

  @Override
  public CommandResponseWriter key(final long key) {
    gateway.key(key);
    return this;
  }

  @Override
  public CommandResponseWriter intent(final Intent intent) {
    this.intent = intent;
    gateway.intent(intent);
    return this;
  }

  @Override
  public CommandResponseWriter recordType(final RecordType type) {
    gateway.recordType(type);
    return this;
  }

  @Override
  public CommandResponseWriter valueType(final ValueType valueType) {
    gateway.valueType(valueType);
    return this;
  }

  @Override
  public CommandResponseWriter rejectionType(final RejectionType rejectionType) {
    this.rejectionType = rejectionType;
    gateway.rejectionType(rejectionType);
    return this;
  }

  @Override
  public CommandResponseWriter rejectionReason(final DirectBuffer rejectionReason) {
    this.rejectionReason = BufferUtil.bufferAsString(rejectionReason);
    gateway.rejectionReason(rejectionReason);
    return this;
  }

  @Override
  public CommandResponseWriter valueWriter(final BufferWriter value) {
    gateway.valueWriter(value);
    return this;
  }

  @Override
  public void tryWriteResponse(final int requestStreamId, final long requestId) {
    if (UserTaskCommands.isOwn(requestStreamId)) {
      userTasks.answer(requestId, intent, rejectionType, rejectionReason);
    } else {
      gateway.tryWriteResponse(requestStreamId, requestId);
    }
  }
}
