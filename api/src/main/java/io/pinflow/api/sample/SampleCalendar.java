package io.pinflow.api.sample;

import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How many orders each day of the sample history gets: a weekly rhythm, steady growth, the shopping
 * festivals (11.11, 12.12, 618, Women's Day) and the Spring Festival, when warehouses and couriers
 * stop. The counts are scaled so that the period averages {@code ordersPerDay}.
 */
final class SampleCalendar {

  /** Monday first. Weekends sell a little more. */
  private static final double[] WEEKDAY = {0.94, 0.95, 0.97, 0.99, 1.02, 1.06, 1.07};

  /** Business grows by this factor per month (compounded by day). */
  private static final double MONTHLY_GROWTH = 1.045;

  /** Chinese New Year's Day, by year. */
  private static final Map<Integer, LocalDate> SPRING_FESTIVAL =
      Map.ofEntries(
          Map.entry(2015, LocalDate.of(2015, 2, 19)),
          Map.entry(2016, LocalDate.of(2016, 2, 8)),
          Map.entry(2017, LocalDate.of(2017, 1, 28)),
          Map.entry(2018, LocalDate.of(2018, 2, 16)),
          Map.entry(2019, LocalDate.of(2019, 2, 5)),
          Map.entry(2020, LocalDate.of(2020, 1, 25)),
          Map.entry(2021, LocalDate.of(2021, 2, 12)),
          Map.entry(2022, LocalDate.of(2022, 2, 1)),
          Map.entry(2023, LocalDate.of(2023, 1, 22)),
          Map.entry(2024, LocalDate.of(2024, 2, 10)),
          Map.entry(2025, LocalDate.of(2025, 1, 29)),
          Map.entry(2026, LocalDate.of(2026, 2, 17)),
          Map.entry(2027, LocalDate.of(2027, 2, 6)),
          Map.entry(2028, LocalDate.of(2028, 1, 26)),
          Map.entry(2029, LocalDate.of(2029, 2, 13)),
          Map.entry(2030, LocalDate.of(2030, 2, 3)),
          Map.entry(2031, LocalDate.of(2031, 1, 23)),
          Map.entry(2032, LocalDate.of(2032, 2, 11)),
          Map.entry(2033, LocalDate.of(2033, 1, 31)),
          Map.entry(2034, LocalDate.of(2034, 2, 19)),
          Map.entry(2035, LocalDate.of(2035, 2, 8)));

  /** Warehouses close from this many days before New Year's Day ... */
  static final int CLOSED_FROM = -7;

  /** ... up to and including this many days after it. */
  static final int CLOSED_UNTIL = 5;

  private final LocalDate firstDay;
  private final int[] counts;
  private final double[] seasons;

  private SampleCalendar(final LocalDate firstDay, final int[] counts, final double[] seasons) {
    this.firstDay = firstDay;
    this.counts = counts;
    this.seasons = seasons;
  }

  static SampleCalendar of(
      final LocalDate firstDay, final LocalDate lastDay, final int ordersPerDay, final long seed) {
    final int days = (int) ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
    final double[] weights = new double[days];
    final double[] seasons = new double[days];
    double sum = 0;
    for (int i = 0; i < days; i++) {
      final LocalDate day = firstDay.plusDays(i);
      seasons[i] = season(day);
      weights[i] =
          WEEKDAY[day.getDayOfWeek().getValue() - 1]
              * Math.pow(MONTHLY_GROWTH, i / 30.44)
              * seasons[i];
      sum += weights[i];
    }
    final double scale = ordersPerDay * days / sum;
    final SplittableRandom random = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
    final int[] counts = new int[days];
    for (int i = 0; i < days; i++) {
      // a little day-to-day noise (weather, competitors' promotions)
      final double noise = 1 + 0.04 * random.nextGaussian();
      counts[i] = (int) Math.max(0, Math.round(weights[i] * scale * noise));
    }
    return new SampleCalendar(firstDay, counts, seasons);
  }

  int days() {
    return counts.length;
  }

  LocalDate day(final int index) {
    return firstDay.plusDays(index);
  }

  int count(final int index) {
    return counts[index];
  }

  long total() {
    long total = 0;
    for (final int count : counts) {
      total += count;
    }
    return total;
  }

  /** The day's factor over an ordinary day from festivals and holidays alone (1 = ordinary). */
  double season(final int index) {
    return seasons[index];
  }

  /** Whether the warehouses are closed for the Spring Festival on that day. */
  static boolean warehouseClosed(final LocalDate day) {
    final Integer offset = springFestivalOffset(day);
    return offset != null && offset >= CLOSED_FROM && offset <= CLOSED_UNTIL;
  }

  /** The first working day after the Spring Festival closure that covers {@code day}. */
  static LocalDate reopening(final LocalDate day) {
    LocalDate next = day;
    while (warehouseClosed(next)) {
      next = next.plusDays(1);
    }
    return next;
  }

  static double season(final LocalDate day) {
    return doubleEleven(day) * doubleTwelve(day) * sixEighteen(day) * womensDay(day) * spring(day);
  }

  private static double doubleEleven(final LocalDate day) {
    final int d = day.getDayOfMonth();
    if (day.getMonth() == Month.OCTOBER && d >= 20) {
      return 1.15; // pre-sales
    }
    if (day.getMonth() != Month.NOVEMBER) {
      return 1;
    }
    if (d <= 10) {
      return 1.3 + 0.05 * d;
    }
    return switch (d) {
      case 11 -> 5.0;
      case 12 -> 1.8;
      case 13, 14, 15 -> 1.2;
      default -> 1;
    };
  }

  private static double doubleTwelve(final LocalDate day) {
    if (day.getMonth() != Month.DECEMBER) {
      return 1;
    }
    return switch (day.getDayOfMonth()) {
      case 8, 9, 10, 11 -> 1.3;
      case 12 -> 3.5;
      case 13 -> 1.4;
      default -> 1;
    };
  }

  private static double sixEighteen(final LocalDate day) {
    if (day.getMonth() != Month.JUNE) {
      return 1;
    }
    final int d = day.getDayOfMonth();
    if (d <= 15) {
      return 1.25;
    }
    return switch (d) {
      case 16, 17 -> 1.5;
      case 18 -> 3.5;
      case 19, 20 -> 1.3;
      default -> 1;
    };
  }

  private static double womensDay(final LocalDate day) {
    if (day.getMonth() != Month.MARCH) {
      return 1;
    }
    return switch (day.getDayOfMonth()) {
      case 6, 7 -> 1.2;
      case 8 -> 1.8;
      default -> 1;
    };
  }

  /** New Year shopping before the holiday, the closure, and the slow return after it. */
  private static double spring(final LocalDate day) {
    final Integer offset = springFestivalOffset(day);
    if (offset == null) {
      return 1;
    }
    if (offset < -14) {
      return 1.2;
    }
    if (offset < CLOSED_FROM) {
      return 1.0 - 0.4 * (offset + 14) / 7.0; // 1.0 down to 0.6
    }
    if (offset <= CLOSED_UNTIL) {
      return 0.35;
    }
    return 0.6 + 0.4 * (offset - CLOSED_UNTIL) / 10.0; // 0.6 back up to 1.0
  }

  /** Days from the nearest Chinese New Year's Day, when within -30..+15 of it. */
  private static Integer springFestivalOffset(final LocalDate day) {
    for (final int year : new int[] {day.getYear(), day.getYear() + 1}) {
      final LocalDate newYear = SPRING_FESTIVAL.get(year);
      if (newYear != null) {
        final long offset = ChronoUnit.DAYS.between(newYear, day);
        if (offset >= -30 && offset <= 15) {
          return (int) offset;
        }
      }
    }
    return null;
  }
}
