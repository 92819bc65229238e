package io.pinflow.domain.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.domain.redrive.Redrive;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JdbcRedriveRepositoryTest {

  private static final AtomicLong KEYS = new AtomicLong(System.nanoTime());

  private static RedrivePlan plan(final String key) {
    return new RedrivePlan(
        "ORDER",
        key,
        key,
        "shop-a",
        "order-to-ship",
        List.of("TaskSendToWms", "TaskCancelAtWms"),
        Map.of("orderSn", key),
        "reserved",
        List.of("order-received:" + key),
        List.of());
  }

  @Test
  void anObjectIsReDrivenOncePerEngineRunAndAgainInTheNextRun() {
    final String key = "261124-" + KEYS.incrementAndGet();
    final var run1 =
        new JdbcRedriveRepository(TestDatabase.jdbc(), "run-" + KEYS.incrementAndGet());
    final var run2 =
        new JdbcRedriveRepository(TestDatabase.jdbc(), "run-" + KEYS.incrementAndGet());

    assertThat(run1.claim(plan(key), Instant.now())).isTrue();
    assertThat(run1.claim(plan(key), Instant.now())).isFalse();
    run1.started(plan(key), 42L, Instant.now());
    assertThat(run2.claim(plan(key), Instant.now())).isTrue();

    final List<Redrive> history = run2.of("ORDER", key);
    assertThat(history).hasSize(2);
    assertThat(history.getFirst().processInstanceKey()).isEqualTo(42L);
    assertThat(history.getFirst().startElements())
        .containsExactly("TaskSendToWms", "TaskCancelAtWms");
    assertThat(history.get(1).processInstanceKey()).isNull();
  }

  @Test
  void aClaimTheEngineDidNotTakeIsReleasedForTheNextAttempt() {
    final String key = "261124-" + KEYS.incrementAndGet();
    final var run = new JdbcRedriveRepository(TestDatabase.jdbc(), "run-" + KEYS.incrementAndGet());
    run.claim(plan(key), Instant.now());

    run.release(plan(key));

    assertThat(run.ofThisRun()).isEmpty();
    assertThat(run.claim(plan(key), Instant.now())).isTrue();
    run.started(plan(key), 43L, Instant.now());
    run.release(plan(key));
    assertThat(run.ofThisRun()).extracting(Redrive::processInstanceKey).containsExactly(43L);
  }
}
