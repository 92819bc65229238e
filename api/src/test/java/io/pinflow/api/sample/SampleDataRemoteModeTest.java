package io.pinflow.api.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinflow.domain.common.ConflictException;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Sample rows never reach a remote database. */
class SampleDataRemoteModeTest {

  private final SampleDataJobs remote = new SampleDataJobs(null, null, Clock.systemUTC(), "remote");

  @Test
  void theEndpointRefusesInRemoteMode() {
    assertThatThrownBy(
            () -> remote.start(SamplePlan.of(1, 10, 1, 10, 1L, null, LocalDate.of(2026, 11, 24))))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.reason()).isEqualTo("embedded-mode-only"))
        .hasMessageContaining("embedded mode only");
  }

  @Test
  void generatingAtStartUpStopsTheStartInRemoteMode() {
    assertThatThrownBy(() -> new SampleDataAtStartup(remote, properties(true), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pinflow.sample-data.generate=true")
        .hasMessageContaining("remote");
    assertThatCode(() -> new SampleDataAtStartup(remote, properties(false), Clock.systemUTC()))
        .doesNotThrowAnyException();
  }

  @Test
  void aPlanOutOfRangeStopsTheStart() {
    final SampleDataJobs embedded = new SampleDataJobs(null, null, Clock.systemUTC(), "embedded");
    final SampleDataProperties months99 =
        new SampleDataProperties(true, 99, null, null, null, null, null, 2);

    assertThatThrownBy(() -> new SampleDataAtStartup(embedded, months99, Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("months: between 1 and 36");
  }

  private static SampleDataProperties properties(final boolean generate) {
    return new SampleDataProperties(generate, null, null, null, null, null, null, 2);
  }
}
