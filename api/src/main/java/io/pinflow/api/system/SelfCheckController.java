package io.pinflow.api.system;

import io.camunda.client.CamundaClient;
import io.pinflow.domain.system.SelfCheck;
import io.pinflow.domain.system.SelfChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * End-to-end probe of a running Pinflow: the request starts the {@code self-check} process, whose
 * worker records the visit in the database; the answer comes when the instance has ended.
 */
@RestController
@RequestMapping("/api/system/self-checks")
public class SelfCheckController {

  private static final Duration ROUND_TRIP_TIMEOUT = Duration.ofSeconds(15);

  private final SelfChecks selfChecks;
  private final CamundaClient camunda;

  public SelfCheckController(final SelfChecks selfChecks, final CamundaClient camunda) {
    this.selfChecks = selfChecks;
    this.camunda = camunda;
  }

  public record SelfCheckView(
      String checkId,
      Instant requestedAt,
      Instant recordedAt,
      Long processInstanceKey,
      String worker,
      Long roundTripMs) {

    static SelfCheckView of(final SelfCheck check, final Long roundTripMs) {
      return new SelfCheckView(
          check.checkId(),
          check.requestedAt(),
          check.recordedAt(),
          check.processInstanceKey(),
          check.worker(),
          roundTripMs);
    }
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public SelfCheckView run() {
    final long started = System.nanoTime();
    final String checkId = selfChecks.request();
    camunda
        .newCreateInstanceCommand()
        .bpmnProcessId("self-check")
        .latestVersion()
        .variables(Map.of("checkId", checkId))
        .withResult()
        .requestTimeout(ROUND_TRIP_TIMEOUT)
        .send()
        .join();
    return SelfCheckView.of(selfChecks.find(checkId), (System.nanoTime() - started) / 1_000_000);
  }

  @GetMapping("/{checkId}")
  public SelfCheckView find(@PathVariable final String checkId) {
    return SelfCheckView.of(selfChecks.find(checkId), null);
  }
}
