package io.pinflow.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType;
import io.pinflow.workers.usertask.UserTaskCollector;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTypeCoverageTest {

  @Test
  void theInboxListenerOfAUserTaskIsAJobTypeAndServed() {
    final Map<String, BpmnModelInstance> model =
        JobTypeCoverage.parse(
            Map.of(
                "announced.bpmn",
                xml(
                    Bpmn.createExecutableProcess("announced")
                        .startEvent()
                        .userTask(
                            "Review",
                            t ->
                                t.zeebeUserTask()
                                    .zeebeTaskListener(
                                        l ->
                                            l.eventType(ZeebeTaskListenerEventType.creating)
                                                .type(UserTaskCollector.TASK_LISTENER_TYPE)))
                        .endEvent()
                        .done())));

    assertThat(JobTypeCoverage.jobTypes(model))
        .containsExactly(
            Map.entry(UserTaskCollector.TASK_LISTENER_TYPE, List.of("announced/Review")));
    assertThat(JobTypeCoverage.userTasksOutsideTheInbox(model)).isEmpty();
  }

  @Test
  void aCamundaUserTaskWithoutTheInboxListenerIsNamed() {
    final Map<String, BpmnModelInstance> model =
        JobTypeCoverage.parse(
            Map.of(
                "silent.bpmn",
                xml(
                    Bpmn.createExecutableProcess("silent")
                        .startEvent()
                        .userTask("Review", t -> t.zeebeUserTask())
                        .userTask(
                            "Approve",
                            t ->
                                t.zeebeUserTask()
                                    .zeebeTaskListener(
                                        l ->
                                            l.eventType(ZeebeTaskListenerEventType.completing)
                                                .type(UserTaskCollector.TASK_LISTENER_TYPE)))
                        .endEvent()
                        .done())));

    assertThat(JobTypeCoverage.userTasksOutsideTheInbox(model))
        .containsExactlyInAnyOrder("silent/Review", "silent/Approve");
  }

  /** As the engine hands a model over: its XML, read again. */
  private static byte[] xml(final BpmnModelInstance model) {
    final var out = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(out, model);
    return out.toByteArray();
  }
}
