package io.pinflow.domain.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JdbcIncidentRepositoryTest {

  private static final AtomicLong KEYS = new AtomicLong(System.nanoTime());

  private static Incident failedJob(final long jobKey) {
    return new Incident(
        0,
        Incident.Kind.JOB,
        Incident.Status.OPEN,
        jobKey,
        jobKey + 1,
        "TaskSendToWms",
        "pinflow.order.send-to-wms",
        null,
        "261124-" + jobKey,
        "demo-shop",
        "IllegalStateException",
        "the WMS did not answer",
        null,
        null,
        0,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        null,
        null);
  }

  @Test
  void theJobIncidentsOfAnEarlierEngineRunAreResolvedByTheRestartAndOnlyThose() {
    final var earlier =
        new JdbcIncidentRepository(TestDatabase.jdbc(), "run-" + KEYS.incrementAndGet());
    final var now =
        new JdbcIncidentRepository(TestDatabase.jdbc(), "run-" + KEYS.incrementAndGet());
    final long stale = earlier.recordJobFailure(failedJob(KEYS.incrementAndGet()));
    final long deadLetter =
        earlier.recordDeadLetter(
            Incident.deadLetter(
                "erp-import",
                "file.csv",
                null,
                "ParseException",
                "no header",
                "x",
                "{}",
                Instant.now()));
    final long current = now.recordJobFailure(failedJob(KEYS.incrementAndGet()));

    final int resolved =
        now.resolveJobIncidentsOfEarlierEngineRuns("engine-restart", Instant.now());

    assertThat(resolved).isPositive();
    final Incident closed = now.find(stale).orElseThrow();
    assertThat(closed.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(closed.resolvedBy()).isEqualTo("engine-restart");
    assertThat(now.find(deadLetter).orElseThrow().status()).isEqualTo(Incident.Status.OPEN);
    assertThat(now.find(current).orElseThrow().status()).isEqualTo(Incident.Status.OPEN);
  }
}
