package io.pinflow.api.sample;

import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.report.ReportFacts;
import io.pinflow.domain.report.ReportFacts.Subject;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sample data runs in the background, one at a time, in embedded mode only. The last few jobs are
 * kept in memory for their status.
 */
@Component
public class SampleDataJobs {

  private static final Logger LOG = LoggerFactory.getLogger(SampleDataJobs.class);
  private static final int KEPT = 20;

  public enum Status {
    RUNNING,
    DONE,
    FAILED
  }

  /** A job as its status endpoint shows it. */
  public record JobView(
      String jobId,
      Status status,
      long ordersWritten,
      long afterSalesWritten,
      long elapsedMs,
      String error) {}

  private static final class Job {
    final String jobId;
    final long started = System.nanoTime();
    final AtomicLong orders = new AtomicLong();
    final AtomicLong afterSales = new AtomicLong();
    volatile Status status = Status.RUNNING;
    volatile long elapsedMs = -1;
    volatile String error;
    volatile Thread thread;

    Job(final String jobId) {
      this.jobId = jobId;
    }

    JobView view() {
      final long elapsed = elapsedMs >= 0 ? elapsedMs : (System.nanoTime() - started) / 1_000_000;
      return new JobView(jobId, status, orders.get(), afterSales.get(), elapsed, error);
    }
  }

  private final SampleDataGenerator generator;
  private final ReportFacts reportFacts;
  private final Clock clock;
  private final boolean embedded;
  private final Map<String, Job> jobs =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Job> eldest) {
          return size() > KEPT;
        }
      };
  private Job running;

  SampleDataJobs(
      final SampleDataGenerator generator,
      final ReportFacts reportFacts,
      final Clock clock,
      @Value("${pinflow.mode:embedded}") final String mode) {
    this.generator = generator;
    this.reportFacts = reportFacts;
    this.clock = clock;
    this.embedded = "embedded".equalsIgnoreCase(mode.strip());
  }

  public boolean embedded() {
    return embedded;
  }

  /** Refuses unless Pinflow runs embedded: sample rows must never reach a real database. */
  void requireEmbedded() {
    if (!embedded) {
      throw new ConflictException(
          "embedded-mode-only",
          "sample data is generated in embedded mode only; this Pinflow runs in remote mode");
    }
  }

  /** Starts a job, unless one is running. */
  public synchronized JobView start(final SamplePlan plan) {
    requireEmbedded();
    if (running != null && running.status == Status.RUNNING) {
      throw new ConflictException(
          "sample-data-running", "sample data job " + running.jobId + " is still running");
    }
    final Job job = new Job(UUID.randomUUID().toString());
    jobs.put(job.jobId, job);
    running = job;
    final Thread thread = new Thread(() -> run(job, plan), "pinflow-sample-data");
    thread.setDaemon(true);
    job.thread = thread;
    LOG.info("Sample data job {} started: {}", job.jobId, plan.describe());
    thread.start();
    return job.view();
  }

  public synchronized JobView find(final String jobId) {
    final Job job = jobs.get(jobId);
    if (job == null) {
      throw new NotFoundException("sample data job", jobId);
    }
    return job.view();
  }

  private void run(final Job job, final SamplePlan plan) {
    try {
      generator.generate(
          plan,
          (orders, afterSales) -> {
            job.orders.addAndGet(orders);
            job.afterSales.addAndGet(afterSales);
          });
      countIntoReportFacts(plan);
      finish(job, Status.DONE, null);
    } catch (final InterruptedException e) {
      finish(job, Status.FAILED, "stopped: the application shut down");
    } catch (final Exception e) {
      LOG.error("Sample data job {} failed", job.jobId, e);
      finish(job, Status.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /**
   * The history lands on days the report facts may have counted already: they are named for
   * counting again, and the job ends once they are, so that reports read the whole history fast.
   */
  private void countIntoReportFacts(final SamplePlan plan) throws InterruptedException {
    final Instant from = plan.firstDay().atStartOfDay(SamplePlan.ZONE).toInstant();
    reportFacts.invalidate(Subject.ORDERS, null, from, clock.instant());
    reportFacts.invalidate(Subject.AFTER_SALES, null, from, clock.instant());
    final long started = System.nanoTime();
    ReportFacts.Refresh refresh;
    while ((refresh = reportFacts.refresh()).skipped()) {
      Thread.sleep(500);
    }
    LOG.info(
        "Sample data counted into the report facts in {} ms: {} shop days, {} SKU months",
        (System.nanoTime() - started) / 1_000_000,
        refresh.daysSettled(),
        refresh.monthsRolledUp());
  }

  private void finish(final Job job, final Status status, final String error) {
    job.elapsedMs = (System.nanoTime() - job.started) / 1_000_000;
    job.error = error;
    job.status = status;
    LOG.info(
        "Sample data job {} {}: {} orders, {} after-sales cases in {} ms",
        job.jobId,
        status,
        job.orders.get(),
        job.afterSales.get(),
        job.elapsedMs);
  }

  @PreDestroy
  synchronized void stop() {
    if (running != null && running.status == Status.RUNNING && running.thread != null) {
      running.thread.interrupt();
    }
  }
}
