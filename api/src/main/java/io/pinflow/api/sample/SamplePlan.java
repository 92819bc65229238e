package io.pinflow.api.sample;

import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What to generate: {@code months} of history ending with {@code endDate} (inclusive, a date in
 * China), on average {@code ordersPerDay}, over {@code shops} sample shops selling {@code skus}
 * SKUs. The same plan (seed and end date included) gives the same history.
 */
record SamplePlan(int months, int ordersPerDay, int shops, int skus, long seed, LocalDate endDate) {

  /** Dates and times of the history are those of the platform. */
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /**
   * The history ends this many days before today: by then every order of the last day has left the
   * warehouse, so no generated order waits for a process that does not exist.
   */
  static final int SETTLED_DAYS = 4;

  static final int MAX_MONTHS = 36;
  static final int MAX_ORDERS_PER_DAY = 20_000;
  static final int MAX_SHOPS = 20;
  static final int MIN_SKUS = 10;
  static final int MAX_SKUS = 5_000;
  static final LocalDate EARLIEST_END = LocalDate.of(2018, 1, 1);

  static final int DEFAULT_MONTHS = 12;
  static final int DEFAULT_ORDERS_PER_DAY = 2_700;
  static final int DEFAULT_SHOPS = 3;
  static final int DEFAULT_SKUS = 500;
  static final long DEFAULT_SEED = 42;

  /** The default end of the history for a given day. */
  static LocalDate defaultEnd(final LocalDate today) {
    return today.minusDays(SETTLED_DAYS);
  }

  /**
   * The plan from optional values (null: the default), or a {@link ValidationException} naming
   * every value out of range.
   */
  static SamplePlan of(
      final Integer months,
      final Integer ordersPerDay,
      final Integer shops,
      final Integer skus,
      final Long seed,
      final LocalDate endDate,
      final LocalDate today) {
    final List<FieldError> errors = new ArrayList<>();
    final int m = orDefault(months, DEFAULT_MONTHS);
    final int perDay = orDefault(ordersPerDay, DEFAULT_ORDERS_PER_DAY);
    final int shopCount = orDefault(shops, DEFAULT_SHOPS);
    final int skuCount = orDefault(skus, DEFAULT_SKUS);
    final LocalDate latestEnd = defaultEnd(today);
    final LocalDate end = endDate == null ? latestEnd : endDate;
    if (m < 1 || m > MAX_MONTHS) {
      errors.add(new FieldError("months", "between 1 and " + MAX_MONTHS));
    }
    if (perDay < 1 || perDay > MAX_ORDERS_PER_DAY) {
      errors.add(new FieldError("ordersPerDay", "between 1 and " + MAX_ORDERS_PER_DAY));
    }
    if (shopCount < 1 || shopCount > MAX_SHOPS) {
      errors.add(new FieldError("shops", "between 1 and " + MAX_SHOPS));
    }
    if (skuCount < MIN_SKUS || skuCount > MAX_SKUS) {
      errors.add(new FieldError("skus", "between " + MIN_SKUS + " and " + MAX_SKUS));
    }
    if (end.isAfter(latestEnd) || end.isBefore(EARLIEST_END)) {
      errors.add(
          new FieldError(
              "endDate",
              "between "
                  + EARLIEST_END
                  + " and "
                  + latestEnd
                  + " ("
                  + SETTLED_DAYS
                  + " days ago: the history ends with orders that have all shipped)"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new SamplePlan(m, perDay, shopCount, skuCount, seed == null ? DEFAULT_SEED : seed, end);
  }

  private static int orDefault(final Integer value, final int fallback) {
    return value == null ? fallback : value;
  }

  LocalDate firstDay() {
    return endDate.minusMonths(months).plusDays(1);
  }

  /**
   * The moment the history is told as of: the start of the day {@link #SETTLED_DAYS} after the last
   * day. Later events (a delivery still on its way) have not happened yet.
   */
  Instant asOf() {
    return endDate.plusDays(SETTLED_DAYS).atStartOfDay(ZONE).toInstant();
  }

  String describe() {
    return months
        + " months to "
        + endDate
        + ", "
        + ordersPerDay
        + " orders/day, "
        + shops
        + " shops, "
        + skus
        + " SKUs, seed "
        + seed;
  }
}
