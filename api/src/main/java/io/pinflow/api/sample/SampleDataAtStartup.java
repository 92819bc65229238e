package io.pinflow.api.sample;

import io.pinflow.domain.common.ValidationException;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * {@code --pinflow.sample-data.generate=true}: generates a sample history once the application is
 * up, in the background; the application keeps running afterwards. Remote mode and plans out of
 * range stop the start with the reason.
 */
@Component
class SampleDataAtStartup implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(SampleDataAtStartup.class);

  private final SampleDataJobs jobs;
  private final SamplePlan plan;

  SampleDataAtStartup(
      final SampleDataJobs jobs, final SampleDataProperties properties, final Clock clock) {
    this.jobs = jobs;
    if (!properties.generate()) {
      this.plan = null;
      return;
    }
    if (!jobs.embedded()) {
      throw new IllegalStateException(
          "pinflow.sample-data.generate=true: sample data is generated in embedded mode only,"
              + " and this Pinflow runs with pinflow.mode=remote. Remove the setting.");
    }
    try {
      this.plan =
          SamplePlan.of(
              properties.months(),
              properties.ordersPerDay(),
              properties.shops(),
              properties.skus(),
              properties.seed(),
              properties.endDate(),
              LocalDate.now(clock.withZone(SamplePlan.ZONE)));
    } catch (final ValidationException e) {
      throw new IllegalStateException("pinflow.sample-data.* out of range: " + e.getMessage(), e);
    }
  }

  @Override
  public void onApplicationEvent(final ApplicationReadyEvent event) {
    if (plan != null) {
      final var job = jobs.start(plan);
      LOG.info(
          "Sample data is being generated in the background (job {}); follow it in this log or"
              + " at GET /api/admin/sample-data/{}",
          job.jobId(),
          job.jobId());
    }
  }
}
