package io.pinflow.api.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The health component {@code jobTypes}: {@code UP} when a worker serves every job type of the
 * models Pinflow deploys, otherwise {@code UNSERVED} with the job types and their tasks in the
 * status description, which {@code /actuator/health} shows even without details. The overall status
 * ignores {@code UNSERVED} (it is not in the status order): every other process still runs.
 */
@Component
public class JobTypesHealthIndicator extends AbstractHealthIndicator {

  /** Status code of a model with job types no worker serves. */
  public static final String UNSERVED = "UNSERVED";

  private final JobTypeCoverage coverage;

  public JobTypesHealthIndicator(final JobTypeCoverage coverage) {
    super("checking the job types of the deployed models failed");
    this.coverage = coverage;
  }

  @Override
  protected void doHealthCheck(final Health.Builder builder) {
    // Pinflow's own models, and (embedded mode) every model deployed while it runs
    final Map<String, JobTypeCoverage.Unserved> all = new LinkedHashMap<>();
    coverage.unservedInOwnModels().forEach(u -> all.put(u.jobType(), u));
    coverage.unservedInDeployedModels().forEach(u -> all.putIfAbsent(u.jobType(), u));
    final List<JobTypeCoverage.Unserved> unserved = List.copyOf(all.values());
    builder.withDetail("jobTypes", coverage.jobTypesInOwnModels());
    if (unserved.isEmpty()) {
      builder.up();
      return;
    }
    final Map<String, List<String>> byType = new LinkedHashMap<>();
    unserved.forEach(u -> byType.put(u.jobType(), u.usedAt()));
    builder
        .status(
            new Status(
                UNSERVED,
                "no worker serves "
                    + unserved.stream()
                        .map(u -> u.jobType() + " (" + String.join(", ", u.usedAt()) + ")")
                        .collect(Collectors.joining("; "))))
        .withDetail("unserved", byType);
  }
}
