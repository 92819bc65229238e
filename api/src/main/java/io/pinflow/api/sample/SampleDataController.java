package io.pinflow.api.sample;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.sample.SampleDataJobs.JobView;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Generates a sample history (embedded mode only): months of orders, parcels and after-sales cases
 * for reports and benchmarks, written straight into the tables. 202 with the job; its status shows
 * the progress.
 */
@RestController
@RequestMapping("/api/admin/sample-data")
public class SampleDataController {

  private final SampleDataJobs jobs;
  private final Clock clock;

  public SampleDataController(final SampleDataJobs jobs, final Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  /** Every field is optional; see {@link SamplePlan} for the defaults and ranges. */
  public record SampleDataRequest(
      Integer months,
      Integer ordersPerDay,
      Integer shops,
      Integer skus,
      Long seed,
      LocalDate endDate) {}

  @PostMapping
  @Audited(action = "sample-data.generate", target = "SAMPLE_DATA")
  public ResponseEntity<JobView> generate(
      @RequestBody(required = false) final SampleDataRequest body) {
    jobs.requireEmbedded();
    final SampleDataRequest request =
        body == null ? new SampleDataRequest(null, null, null, null, null, null) : body;
    final SamplePlan plan =
        SamplePlan.of(
            request.months(),
            request.ordersPerDay(),
            request.shops(),
            request.skus(),
            request.seed(),
            request.endDate(),
            LocalDate.now(clock.withZone(SamplePlan.ZONE)));
    AuditRecord.current().detail(plan.describe());
    final JobView job = jobs.start(plan);
    AuditRecord.current().target(job.jobId(), null);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(job);
  }

  @GetMapping("/{jobId}")
  public JobView job(@PathVariable final String jobId) {
    return jobs.find(jobId);
  }
}
