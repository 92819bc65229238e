package io.pinflow.domain.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.domain.aftersales.AfterSalesCase;
import io.pinflow.domain.aftersales.AfterSalesStatus;
import io.pinflow.domain.aftersales.AfterSalesType;
import io.pinflow.domain.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JdbcAfterSalesRepositoryTest {

  private final JdbcAfterSalesRepository cases = new JdbcAfterSalesRepository(TestDatabase.jdbc());

  private String awaitingReturn() {
    final String id = "AS-" + System.nanoTime();
    final Instant now = Instant.now();
    cases.insert(
        new AfterSalesCase(
            id,
            "shop-a",
            "261124-" + System.nanoTime(),
            AfterSalesType.RETURN_REFUND,
            AfterSalesStatus.AWAITING_RETURN,
            "API",
            "质量问题",
            4_990,
            null,
            now.plus(Duration.ofDays(2)),
            true,
            0,
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            now,
            null,
            null,
            now,
            0));
    return id;
  }

  /** Runs every call at once and returns how many of them answered true. */
  private static long trueAnswers(final List<Callable<Boolean>> calls) throws Exception {
    final ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      final CountDownLatch start = new CountDownLatch(1);
      final List<Future<Boolean>> answers = new ArrayList<>();
      for (final Callable<Boolean> call : calls) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      long trues = 0;
      for (final Future<Boolean> answer : answers) {
        trues += answer.get() ? 1 : 0;
      }
      return trues;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ofReturnReportsArrivingTogetherOneMovesTheCaseAndItsInspectionStays() throws Exception {
    final String id = awaitingReturn();
    final List<Callable<Boolean>> reports = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      final String inspection = i % 2 == 0 ? "OK" : "DAMAGED";
      reports.add(() -> cases.recordReturn(id, inspection, Instant.now()));
    }

    assertThat(trueAnswers(reports)).isEqualTo(1);
    final AfterSalesCase inspected = cases.find(id).orElseThrow();
    assertThat(inspected.status()).isEqualTo(AfterSalesStatus.INSPECTING);
    assertThat(inspected.inspection()).isIn("OK", "DAMAGED");
    assertThat(
            cases.recordReturn(
                id, "DAMAGED".equals(inspected.inspection()) ? "OK" : "DAMAGED", Instant.now()))
        .isFalse();
    assertThat(cases.find(id).orElseThrow().inspection()).isEqualTo(inspected.inspection());
  }

  @Test
  void aReturnThatPassedIsMarkedRestockedByOneCallerOnly() throws Exception {
    final String id = awaitingReturn();
    assertThat(cases.markRestocked(id, Instant.now())).isFalse();
    assertThat(cases.recordReturn(id, "OK", Instant.now())).isTrue();

    final List<Callable<Boolean>> restocks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      restocks.add(() -> cases.markRestocked(id, Instant.now()));
    }

    assertThat(trueAnswers(restocks)).isEqualTo(1);
    assertThat(cases.find(id).orElseThrow().inspection()).isEqualTo("RESTOCKED");
    // a late report of the same parcel leaves the restocked return as it is
    assertThat(cases.recordReturn(id, "DAMAGED", Instant.now())).isFalse();
    assertThat(cases.find(id).orElseThrow().inspection()).isEqualTo("RESTOCKED");
  }

  @Test
  void aDamagedReturnIsNeverRestocked() {
    final String id = awaitingReturn();
    assertThat(cases.recordReturn(id, "DAMAGED", Instant.now())).isTrue();

    assertThat(cases.markRestocked(id, Instant.now())).isFalse();
    assertThat(cases.find(id).orElseThrow().inspection()).isEqualTo("DAMAGED");
  }
}
