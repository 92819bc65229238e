package io.pinflow.domain.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a report range splits between settled facts and the rows themselves. Whole days of a shop
 * that settled come from the daily facts (or, where asked for, whole months from the monthly
 * rollup); every other part of the range (days still open, days without facts, the parts of days at
 * either end of the range) is counted from the rows, per shop.
 *
 * @param factDays runs of settled days per shop, read from the daily facts
 * @param factMonths months per shop read from the monthly rollup
 * @param live spans per shop counted from the rows
 */
public record ReportCoverage(
    List<DayRun> factDays, List<ShopMonth> factMonths, List<LiveSpan> live) {

  /** Days {@code [from, to)} of one shop. */
  public record DayRun(String shopId, LocalDate from, LocalDate to) {}

  public record ShopMonth(String shopId, YearMonth month) {}

  /** Times {@code [from, to)} of one shop. */
  public record LiveSpan(String shopId, Instant from, Instant to) {}

  /**
   * Splits {@code [from, to)} for the given shops.
   *
   * @param settledDays per shop, the settled days that are not waiting to be counted again
   * @param rolledUpMonths per shop, the months whose rollup is current (empty: no rollup wanted)
   */
  public static ReportCoverage of(
      final Instant from,
      final Instant to,
      final ZoneId zone,
      final Collection<String> shops,
      final Map<String, Set<LocalDate>> settledDays,
      final Map<String, Set<YearMonth>> rolledUpMonths) {
    final LocalDate firstWholeDay = firstDayStartingAtOrAfter(from, zone);
    final LocalDate endOfWholeDays = to.atZone(zone).toLocalDate();
    final List<DayRun> factDays = new ArrayList<>();
    final List<ShopMonth> factMonths = new ArrayList<>();
    final List<LiveSpan> live = new ArrayList<>();
    for (final String shop : new LinkedHashSet<>(shops)) {
      final Set<LocalDate> settled = settledDays.getOrDefault(shop, Set.of());
      if (settled.isEmpty() || !firstWholeDay.isBefore(endOfWholeDays)) {
        live.add(new LiveSpan(shop, from, to));
        continue;
      }
      final Set<YearMonth> months = rolledUpMonths.getOrDefault(shop, Set.of());
      final Runs runs = new Runs(shop, zone, factDays, live);
      runs.live(from, start(firstWholeDay, zone));
      LocalDate day = firstWholeDay;
      while (day.isBefore(endOfWholeDays)) {
        final YearMonth month = YearMonth.from(day);
        if (day.getDayOfMonth() == 1
            && months.contains(month)
            && !month.atEndOfMonth().isAfter(endOfWholeDays.minusDays(1))) {
          runs.close();
          factMonths.add(new ShopMonth(shop, month));
          day = month.plusMonths(1).atDay(1);
          continue;
        }
        if (settled.contains(day)) {
          runs.factDay(day);
        } else {
          runs.liveDay(day);
        }
        day = day.plusDays(1);
      }
      runs.close();
      runs.live(start(endOfWholeDays, zone), to);
    }
    return new ReportCoverage(List.copyOf(factDays), List.copyOf(factMonths), mergeLive(live));
  }

  /** Whether every part of the range is counted from the rows. */
  public boolean allLive() {
    return factDays.isEmpty() && factMonths.isEmpty();
  }

  private static LocalDate firstDayStartingAtOrAfter(final Instant from, final ZoneId zone) {
    final LocalDate day = from.atZone(zone).toLocalDate();
    return start(day, zone).equals(from) ? day : day.plusDays(1);
  }

  private static Instant start(final LocalDate day, final ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }

  /** Adjacent spans of one shop joined, so that a query names as few ranges as it can. */
  private static List<LiveSpan> mergeLive(final List<LiveSpan> spans) {
    final List<LiveSpan> merged = new ArrayList<>();
    for (final LiveSpan span : spans) {
      if (!span.from().isBefore(span.to())) {
        continue;
      }
      final LiveSpan last = merged.isEmpty() ? null : merged.getLast();
      if (last != null && last.shopId().equals(span.shopId()) && last.to().equals(span.from())) {
        merged.set(merged.size() - 1, new LiveSpan(span.shopId(), last.from(), span.to()));
      } else {
        merged.add(span);
      }
    }
    return List.copyOf(merged);
  }

  /** Collects one shop's consecutive days into runs of fact days and live spans. */
  private static final class Runs {
    private final String shop;
    private final ZoneId zone;
    private final List<DayRun> factDays;
    private final List<LiveSpan> live;
    private LocalDate runStart;
    private LocalDate runEnd;
    private boolean runIsFacts;

    Runs(
        final String shop,
        final ZoneId zone,
        final List<DayRun> factDays,
        final List<LiveSpan> live) {
      this.shop = shop;
      this.zone = zone;
      this.factDays = factDays;
      this.live = live;
    }

    void factDay(final LocalDate day) {
      extend(day, true);
    }

    void liveDay(final LocalDate day) {
      extend(day, false);
    }

    void live(final Instant from, final Instant to) {
      live.add(new LiveSpan(shop, from, to));
    }

    private void extend(final LocalDate day, final boolean facts) {
      if (runStart != null && (runIsFacts != facts || !runEnd.equals(day))) {
        close();
      }
      if (runStart == null) {
        runStart = day;
        runIsFacts = facts;
      }
      runEnd = day.plusDays(1);
    }

    void close() {
      if (runStart == null) {
        return;
      }
      if (runIsFacts) {
        factDays.add(new DayRun(shop, runStart, runEnd));
      } else {
        live(start(runStart, zone), start(runEnd, zone));
      }
      runStart = null;
    }
  }
}
