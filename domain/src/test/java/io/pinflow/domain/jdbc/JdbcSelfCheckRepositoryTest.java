package io.pinflow.domain.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.domain.system.SelfChecks;
import io.pinflow.domain.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class JdbcSelfCheckRepositoryTest {

  private final Instant now = Instant.parse("2026-11-23T10:00:00.123456Z");
  private final SelfChecks selfChecks =
      new SelfChecks(
          new JdbcSelfCheckRepository(TestDatabase.jdbc()), Clock.fixed(now, ZoneOffset.UTC));

  @Test
  void aRecordedCheckKeepsItsFirstRecording() {
    final String checkId = selfChecks.request();

    final var first = selfChecks.record(checkId, 42L, "worker-a");
    final var repeated = selfChecks.record(checkId, 43L, "worker-b");

    assertThat(first.isRecorded()).isTrue();
    assertThat(first.requestedAt()).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
    assertThat(repeated.processInstanceKey()).isEqualTo(42L);
    assertThat(repeated.worker()).isEqualTo("worker-a");
  }
}
