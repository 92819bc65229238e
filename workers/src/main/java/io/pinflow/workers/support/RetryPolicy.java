package io.pinflow.workers.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How technical failures of jobs are retried: with exponential back-off from {@code baseBackoff},
 * capped at {@code maxBackoff}. The number of attempts is the task's {@code retries} in the BPMN (5
 * for Pinflow's tasks): with the defaults a job keeps trying for about a minute before it becomes
 * an incident, long enough to ride out a database or WMS restart.
 */
@ConfigurationProperties("pinflow.workers.retry")
public record RetryPolicy(Duration baseBackoff, Duration maxBackoff, int expectedRetries) {

  public RetryPolicy {
    baseBackoff = baseBackoff == null ? Duration.ofSeconds(2) : baseBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofMinutes(1) : maxBackoff;
    expectedRetries = expectedRetries <= 0 ? 5 : expectedRetries;
  }

  /** The pause before the next attempt, given the retries the job has left after this failure. */
  public Duration backoff(final int retriesLeft) {
    final int attempt = Math.max(0, expectedRetries - retriesLeft - 1);
    final long millis = baseBackoff.toMillis() << Math.min(attempt, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
