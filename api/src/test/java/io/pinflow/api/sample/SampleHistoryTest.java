package io.pinflow.api.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinflow.api.sample.SampleBatch.AfterSalesRow;
import io.pinflow.api.sample.SampleBatch.OrderRow;
import io.pinflow.domain.common.ValidationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The sample history's shape, without a database. */
class SampleHistoryTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

  @Test
  void aYearAveragesTheRequestedOrdersPerDayWithFestivalPeaksAndAHolidayDip() {
    final SamplePlan plan = SamplePlan.of(12, 2_700, 3, 500, 42L, null, TODAY);
    final SampleCalendar calendar =
        SampleCalendar.of(plan.firstDay(), plan.endDate(), plan.ordersPerDay(), plan.seed());

    assertThat(plan.firstDay()).isEqualTo(LocalDate.of(2025, 11, 21));
    assertThat(plan.endDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat((double) calendar.total() / calendar.days()).isCloseTo(2_700, Offset.offset(30.0));
    final double ordinary = count(calendar, LocalDate.of(2026, 9, 9));
    assertThat(count(calendar, LocalDate.of(2026, 11, 11))).isGreaterThan(3.5 * ordinary);
    assertThat(count(calendar, LocalDate.of(2025, 12, 12))).isGreaterThan(2.5 * ordinary * 0.7);
    assertThat(count(calendar, LocalDate.of(2026, 6, 18))).isGreaterThan(2.5 * ordinary * 0.8);
    assertThat(count(calendar, LocalDate.of(2026, 2, 17))).isLessThan(0.5 * ordinary);
  }

  @Test
  void ordersCancellationsLateShipmentsAndAfterSalesHavePlausibleShares() {
    final SamplePlan plan = SamplePlan.of(3, 1_000, 3, 200, 7L, LocalDate.of(2026, 10, 31), TODAY);
    final Generated generated = generate(plan);
    final List<OrderRow> orders = generated.orders();
    final List<AfterSalesRow> cases = generated.cases();

    assertThat(share(orders, o -> o.status().equals("CANCELLED"))).isCloseTo(0.03, within(0.006));
    final List<OrderRow> shipped =
        orders.stream().filter(o -> o.shippedAt() != SampleBatch.NONE).toList();
    assertThat(share(shipped, OrderRow::shipByBreached)).isCloseTo(0.04, within(0.01));
    assertThat(
            share(
                shipped,
                o -> {
                  final long hours = (o.shippedAt() - o.confirmTime()) / SampleHistory.HOUR;
                  return hours >= 6 && hours < 30;
                }))
        .isGreaterThan(0.75);
    assertThat((double) cases.size() / orders.size()).isCloseTo(0.06, within(0.01));
    assertThat(share(cases, AfterSalesRow::missedDeadline)).isCloseTo(0.02, within(0.01));
    assertThat(cases.stream().map(AfterSalesRow::type).distinct())
        .containsExactlyInAnyOrder("REFUND_ONLY", "RETURN_REFUND", "EXCHANGE", "RESEND");
    assertThat(cases.stream().map(AfterSalesRow::status).distinct())
        .containsExactlyInAnyOrder("REFUNDED", "REJECTED", "CLOSED", "RESHIPPED");
    assertThat(cases).allSatisfy(c -> assertThat(c.closedAt()).isLessThanOrEqualTo(asOf(plan)));
    assertThat(orders)
        .allSatisfy(
            o -> {
              assertThat(o.nameMask()).contains("*");
              assertThat(o.phoneMask()).matches("1\\d\\d\\*{4}\\d{4}");
              assertThat(o.addressMask()).endsWith("****");
              assertThat(o.orderSn()).matches("\\d{6}-9\\d{14}");
              assertThat(o.payAmountFen()).isBetween(1L, o.goodsAmountFen());
              assertThat(o.updatedAt()).isLessThanOrEqualTo(asOf(plan) + SampleHistory.DAY);
            });
    final Map<String, Long> reasons =
        cases.stream().collect(Collectors.groupingBy(AfterSalesRow::reason, Collectors.counting()));
    System.out.printf(
        "orders %d, cancelled %.3f, breached %.3f, cases %.3f, missed %.3f, reasons %s%n",
        orders.size(),
        share(orders, o -> o.status().equals("CANCELLED")),
        share(shipped, OrderRow::shipByBreached),
        (double) cases.size() / orders.size(),
        share(cases, AfterSalesRow::missedDeadline),
        reasons);
  }

  @Test
  void theSamePlanGivesTheSameHistory() {
    final SamplePlan plan = SamplePlan.of(1, 300, 2, 50, 99L, LocalDate.of(2026, 6, 30), TODAY);

    assertThat(generate(plan)).isEqualTo(generate(plan));
    assertThat(generate(plan))
        .isNotEqualTo(generate(SamplePlan.of(1, 300, 2, 50, 100L, plan.endDate(), TODAY)));
  }

  @Test
  void valuesOutOfRangeAreNamed() {
    assertThatThrownBy(() -> SamplePlan.of(0, 0, 21, 5, null, TODAY, TODAY))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ValidationException.FieldError::field)
                    .containsExactly("months", "ordersPerDay", "shops", "skus", "endDate"));
  }

  private record Generated(List<OrderRow> orders, List<AfterSalesRow> cases) {}

  private static Generated generate(final SamplePlan plan) {
    final SampleCalendar calendar =
        SampleCalendar.of(plan.firstDay(), plan.endDate(), plan.ordersPerDay(), plan.seed());
    final SampleCatalog catalog = SampleCatalog.of(plan.skus(), plan.shops(), plan.seed());
    final List<String> shops = new ArrayList<>();
    for (int i = 1; i <= plan.shops(); i++) {
      shops.add("sample-shop-" + i);
    }
    final SampleHistory history = new SampleHistory(plan, catalog, shops, 1);
    final SampleBatch all = new SampleBatch();
    final SampleHistory.Sink sink =
        new SampleHistory.Sink() {
          @Override
          public SampleBatch batch() {
            return all;
          }

          @Override
          public void orderDone() {}
        };
    for (int d = 0; d < calendar.days(); d++) {
      history.day(calendar.day(d), calendar.count(d), calendar.season(d), sink);
    }
    return new Generated(all.orders, all.afterSales);
  }

  private static long asOf(final SamplePlan plan) {
    return plan.asOf().toEpochMilli();
  }

  private static double count(final SampleCalendar calendar, final LocalDate day) {
    for (int d = 0; d < calendar.days(); d++) {
      if (calendar.day(d).equals(day)) {
        return calendar.count(d);
      }
    }
    throw new IllegalArgumentException(day + " is not in the calendar");
  }

  private static <T> double share(final List<T> rows, final Function<T, Boolean> test) {
    return rows.stream().filter(test::apply).count() / (double) rows.size();
  }

  private static Offset<Double> within(final double delta) {
    return Offset.offset(delta);
  }
}
