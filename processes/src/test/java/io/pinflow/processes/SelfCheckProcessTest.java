package io.pinflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfCheckProcessTest extends ProcessTestSupport {

  @Test
  void aSelfCheckIsRecordedByItsWorkerAndEnds() {
    final var instance = start("self-check", Map.of("checkId", "c-1", "unrelated", "x"));

    final var job =
        completeJob(
            "pinflow.system.record-self-check", Map.of("recordedAt", "2026-11-23T10:00:00Z"));

    assertThat(job.getVariablesAsMap()).containsEntry("checkId", "c-1");
    assertThatInstance(instance)
        .hasPassedElementsInOrder(
            "StartSelfCheckRequested", "TaskRecordSelfCheck", "EndSelfCheckRecorded")
        .isCompleted()
        .hasVariableWithValue("recordedAt", "2026-11-23T10:00:00Z");
  }
}
