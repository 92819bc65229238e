package io.pinflow.api.engine;

import io.pinflow.workers.redrive.ProcessRedriver;
import io.pinflow.workers.redrive.ProcessRedriver.Outcome;
import io.pinflow.workers.redrive.ProcessRedriver.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The health component {@code redrive} of embedded mode: {@code OUT_OF_SERVICE} while the
 * unfinished business objects are being re-driven into the engine after the start (the overall
 * status with it: not ready yet), then {@code UP} with how many of each kind got a new instance. An
 * object whose re-drive failed shows as {@code REDRIVE_FAILED} with its key; the overall status
 * ignores that code (it is not in the status order), the other processes run. When the engine
 * resumed the instances of its last run there is nothing to re-drive: {@code UP}, "not needed".
 */
@Component
@ConditionalOnProperty(name = "pinflow.mode", havingValue = "embedded", matchIfMissing = true)
public class RedriveHealthIndicator extends AbstractHealthIndicator {

  /** Status code of a start whose re-drive left objects without an instance. */
  public static final String REDRIVE_FAILED = "REDRIVE_FAILED";

  /** Description of a start whose engine resumed its instances. */
  public static final String NOT_NEEDED = "not needed: the engine resumed its instances";

  private final ProcessRedriver redriver;

  public RedriveHealthIndicator(final ProcessRedriver redriver) {
    super("checking the re-drive at start failed");
    this.redriver = redriver;
  }

  @Override
  protected void doHealthCheck(final Health.Builder builder) {
    switch (redriver.progress()) {
      case OFF -> builder.up().withDetail("redrive", "off");
      case NOT_NEEDED ->
          builder
              .status(new Status(Status.UP.getCode(), NOT_NEEDED))
              .withDetail("redrive", "not needed");
      case WAITING, RUNNING ->
          builder.outOfService().withDetail("redrive", "re-driving the unfinished objects");
      case DONE -> done(builder);
    }
  }

  private void done(final Health.Builder builder) {
    final Map<String, List<Outcome>> outcomes = redriver.lastOutcomes();
    final Map<String, Long> started = new LinkedHashMap<>();
    outcomes.forEach(
        (type, list) ->
            started.put(type, list.stream().filter(o -> o.result() == Result.STARTED).count()));
    builder.withDetail("redriven", started);
    final List<String> failed =
        outcomes.values().stream()
            .flatMap(List::stream)
            .filter(o -> o.result() == Result.FAILED)
            .map(o -> o.businessType() + " " + o.businessKey())
            .toList();
    if (failed.isEmpty()) {
      builder.up();
      return;
    }
    builder
        .status(
            new Status(
                REDRIVE_FAILED,
                "no new instance for " + failed.stream().collect(Collectors.joining(", "))))
        .withDetail("failed", failed);
  }
}
