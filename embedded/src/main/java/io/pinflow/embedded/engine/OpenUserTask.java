package io.pinflow.embedded.engine;

import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import java.util.List;
import java.util.Map;

/** A user task the engine holds open, as its last event described it. */
public record OpenUserTask(
    long userTaskKey,
    String state,
    String assignee,
    List<String> candidateGroups,
    List<String> candidateUsers,
    String dueDate,
    String followUpDate,
    long formKey,
    int priority,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    long elementInstanceKey,
    long creationTimestamp,
    Map<String, String> customHeaders) {

  static OpenUserTask of(final UserTaskRecord record, final boolean beingCreated) {
    return new OpenUserTask(
        record.getUserTaskKey(),
        beingCreated ? "CREATING" : "CREATED",
        blankToNull(record.getAssignee()),
        List.copyOf(record.getCandidateGroupsList()),
        List.copyOf(record.getCandidateUsersList()),
        blankToNull(record.getDueDate()),
        blankToNull(record.getFollowUpDate()),
        record.getFormKey(),
        record.getPriority(),
        record.getBpmnProcessId(),
        record.getProcessDefinitionVersion(),
        record.getProcessDefinitionKey(),
        record.getProcessInstanceKey(),
        record.getElementId(),
        record.getElementInstanceKey(),
        record.getCreationTimestamp(),
        Map.copyOf(record.getCustomHeaders()));
  }

  private static String blankToNull(final String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
