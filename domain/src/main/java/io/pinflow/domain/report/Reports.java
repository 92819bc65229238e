package io.pinflow.domain.report;

import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.report.ReportQuery.Grouping;
import io.pinflow.domain.report.ReportRepository.AfterSalesCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fulfilment and after-sales reports over the service's tables, within the caller's shops. Days are
 * days of the report zone (the merchants' time, Asia/Shanghai by default).
 */
public class Reports {

  public static final Set<Grouping> FULFILMENT_GROUPS =
      EnumSet.of(Grouping.DAY, Grouping.SHOP, Grouping.SKU, Grouping.TOTAL);
  public static final Set<Grouping> AFTER_SALES_GROUPS =
      EnumSet.of(
          Grouping.DAY,
          Grouping.SHOP,
          Grouping.TYPE,
          Grouping.REASON,
          Grouping.OUTCOME,
          Grouping.TOTAL);

  private final ReportRepository repository;
  private final Settings settings;
  private final Clock clock;

  /** The zone whose days the reports count in; the longest range one report may cover. */
  public record Settings(ZoneId zone, Duration longestRange) {}

  public Reports(final ReportRepository repository, final Settings settings, final Clock clock) {
    this.repository = repository;
    this.settings = settings;
    this.clock = clock;
  }

  public ZoneId zone() {
    return settings.zone();
  }

  public List<FulfilmentRow> fulfilment(final ReportQuery query) {
    validate(query, FULFILMENT_GROUPS);
    if (query.scope().isEmpty()) {
      return List.of();
    }
    final int offset = offsetSeconds(query);
    return repository.fulfilment(query, offset, clock.instant()).stream()
        .map(
            c ->
                new FulfilmentRow(
                    c.key(),
                    c.orders(),
                    c.units(),
                    c.gmvFen(),
                    c.shipped(),
                    c.shippedOnTime(),
                    c.shipped() == 0 ? null : percent(c.shippedOnTime(), c.shipped()),
                    hours(c.avgShipSeconds()),
                    c.shipTimes().percentileHours(0.9),
                    c.deadlineBreaches(),
                    c.cancellations()))
        .toList();
  }

  public List<AfterSalesRow> afterSales(final ReportQuery query) {
    validate(query, AFTER_SALES_GROUPS);
    if (query.scope().isEmpty()) {
      return List.of();
    }
    final int offset = offsetSeconds(query);
    final Map<String, Long> orders = repository.orderCounts(query, offset);
    final boolean perGroup = query.groupBy() == Grouping.DAY || query.groupBy() == Grouping.SHOP;
    final long allOrders = orders.values().stream().mapToLong(Long::longValue).sum();
    return repository.afterSales(query, offset).stream()
        .map(
            (AfterSalesCounts c) -> {
              final long base = perGroup ? orders.getOrDefault(c.key(), 0L) : allOrders;
              return new AfterSalesRow(
                  c.key(),
                  c.cases(),
                  c.refundAmountFen(),
                  c.refundedAmountFen(),
                  c.refunded(),
                  c.rejected(),
                  c.open(),
                  hours(c.avgHandlingSeconds()),
                  c.missedDeadlines(),
                  base == 0 ? null : percent(c.refunded(), base));
            })
        .toList();
  }

  private void validate(final ReportQuery query, final Set<Grouping> allowed) {
    if (!allowed.contains(query.groupBy())) {
      throw ValidationException.of(
          "groupBy",
          "one of " + allowed.stream().map(g -> g.name().toLowerCase()).sorted().toList());
    }
    if (!query.from().isBefore(query.to())) {
      throw ValidationException.of("to", "must be after from");
    }
    if (Duration.between(query.from(), query.to()).compareTo(settings.longestRange()) > 0) {
      throw ValidationException.of(
          "from", "a report covers at most " + settings.longestRange().toDays() + " days");
    }
  }

  private int offsetSeconds(final ReportQuery query) {
    return settings.zone().getRules().getOffset(query.from()).getTotalSeconds();
  }

  private static BigDecimal percent(final long part, final long whole) {
    return BigDecimal.valueOf(part * 100)
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }

  private static BigDecimal hours(final Double seconds) {
    return seconds == null
        ? null
        : BigDecimal.valueOf(seconds / 3600).setScale(2, RoundingMode.HALF_UP);
  }
}
