package io.pinflow.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.domain.report.ReportCoverage.DayRun;
import io.pinflow.domain.report.ReportCoverage.LiveSpan;
import io.pinflow.domain.report.ReportCoverage.ShopMonth;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportCoverageTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void settledDaysComeFromFactsAndTheRestOfTheRangeFromTheRows() {
    final ReportCoverage coverage =
        ReportCoverage.of(
            at("2026-10-01T00:00"),
            at("2026-10-06T00:00"),
            SHANGHAI,
            List.of("a", "b"),
            Map.of("a", Set.of(day(1), day(2), day(4))),
            Map.of());

    assertThat(coverage.factDays())
        .containsExactly(new DayRun("a", day(1), day(3)), new DayRun("a", day(4), day(5)));
    assertThat(coverage.factMonths()).isEmpty();
    assertThat(coverage.live())
        .containsExactly(
            new LiveSpan("a", at("2026-10-03T00:00"), at("2026-10-04T00:00")),
            new LiveSpan("a", at("2026-10-05T00:00"), at("2026-10-06T00:00")),
            new LiveSpan("b", at("2026-10-01T00:00"), at("2026-10-06T00:00")));
    assertThat(coverage.allLive()).isFalse();
  }

  @Test
  void partsOfDaysAtTheEndsOfTheRangeAreCountedFromTheRows() {
    final ReportCoverage coverage =
        ReportCoverage.of(
            at("2026-10-01T12:00"),
            at("2026-10-04T06:00"),
            SHANGHAI,
            List.of("a"),
            Map.of("a", Set.of(day(1), day(2), day(3), day(4))),
            Map.of());

    assertThat(coverage.factDays()).containsExactly(new DayRun("a", day(2), day(4)));
    assertThat(coverage.live())
        .containsExactly(
            new LiveSpan("a", at("2026-10-01T12:00"), at("2026-10-02T00:00")),
            new LiveSpan("a", at("2026-10-04T00:00"), at("2026-10-04T06:00")));
  }

  @Test
  void aRangeWithinOneDayIsCountedFromTheRows() {
    final ReportCoverage coverage =
        ReportCoverage.of(
            at("2026-10-01T08:00"),
            at("2026-10-01T20:00"),
            SHANGHAI,
            List.of("a"),
            Map.of("a", Set.of(day(1))),
            Map.of());

    assertThat(coverage.allLive()).isTrue();
    assertThat(coverage.live())
        .containsExactly(new LiveSpan("a", at("2026-10-01T08:00"), at("2026-10-01T20:00")));
  }

  @Test
  void wholeMonthsInsideTheRangeComeFromTheirRollup() {
    final Set<LocalDate> everyDay =
        Set.copyOf(LocalDate.of(2026, 9, 20).datesUntil(LocalDate.of(2026, 11, 10)).toList());
    final ReportCoverage coverage =
        ReportCoverage.of(
            at("2026-09-20T00:00"),
            at("2026-11-10T00:00"),
            SHANGHAI,
            List.of("a"),
            Map.of("a", everyDay),
            Map.of("a", Set.of(YearMonth.of(2026, 9), YearMonth.of(2026, 10))));

    assertThat(coverage.factMonths()).containsExactly(new ShopMonth("a", YearMonth.of(2026, 10)));
    assertThat(coverage.factDays())
        .containsExactly(
            new DayRun("a", LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 1)),
            new DayRun("a", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 10)));
    assertThat(coverage.live()).isEmpty();
  }

  @Test
  void aMonthEndingAfterTheRangeIsReadByDay() {
    final ReportCoverage coverage =
        ReportCoverage.of(
            at("2026-10-01T00:00"),
            at("2026-10-31T00:00"),
            SHANGHAI,
            List.of("a"),
            Map.of("a", Set.copyOf(day(1).datesUntil(day(31)).toList())),
            Map.of("a", Set.of(YearMonth.of(2026, 10))));

    assertThat(coverage.factMonths()).isEmpty();
    assertThat(coverage.factDays()).containsExactly(new DayRun("a", day(1), day(31)));
  }

  private static LocalDate day(final int dayOfOctober) {
    return LocalDate.of(2026, 10, dayOfOctober);
  }

  private static Instant at(final String shanghaiTime) {
    return OffsetDateTime.parse(shanghaiTime + ":00+08:00").toInstant();
  }
}
