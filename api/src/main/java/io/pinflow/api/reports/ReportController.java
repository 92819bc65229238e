package io.pinflow.api.reports;

import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.report.AfterSalesRow;
import io.pinflow.domain.report.FulfilmentRow;
import io.pinflow.domain.report.ReportQuery;
import io.pinflow.domain.report.ReportQuery.Grouping;
import io.pinflow.domain.report.Reports;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fulfilment and after-sales reports: rows grouped by day (in the report zone), shop, SKU, or by
 * type, reason and outcome; JSON, or CSV with {@code Accept: text/csv}. {@code from} and {@code to}
 * are ISO-8601 date-times with offset, or dates (a whole day of the report zone; {@code to}
 * inclusive); by default the last 30 days. A shop outside the caller's grant yields no rows.
 */
@RestController
public class ReportController {

  private static final String CSV = "text/csv";

  private final Reports reports;
  private final Clock clock;

  public ReportController(final Reports reports, final Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  @GetMapping(
      value = "/api/reports/fulfilment",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
  public List<FulfilmentRow> fulfilment(
      @RequestParam(required = false) final String from,
      @RequestParam(required = false) final String to,
      @RequestParam(defaultValue = "day") final String groupBy,
      @RequestParam(required = false) final String shopId) {
    final ReportQuery query = query(from, to, groupBy, shopId);
    return query == null ? List.of() : reports.fulfilment(query);
  }

  @GetMapping(
      value = "/api/reports/after-sales",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
  public List<AfterSalesRow> afterSales(
      @RequestParam(required = false) final String from,
      @RequestParam(required = false) final String to,
      @RequestParam(defaultValue = "day") final String groupBy,
      @RequestParam(required = false) final String shopId) {
    final ReportQuery query = query(from, to, groupBy, shopId);
    return query == null ? List.of() : reports.afterSales(query);
  }

  /** The query, or null when the shop asked for is outside the caller's grant. */
  private ReportQuery query(
      final String from, final String to, final String groupBy, final String shopId) {
    final Actor actor = CurrentActor.get();
    final Instant end = to == null || to.isBlank() ? clock.instant() : instant(to, "to", true);
    final Instant start =
        from == null || from.isBlank()
            ? end.minus(30, ChronoUnit.DAYS)
            : instant(from, "from", false);
    final Grouping grouping;
    try {
      grouping = Grouping.valueOf(groupBy.strip().toUpperCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      throw ValidationException.of("groupBy", "unknown grouping " + groupBy);
    }
    final String shop = shopId == null || shopId.isBlank() ? null : shopId.strip();
    if (shop != null && !actor.shops().allows(shop)) {
      return null;
    }
    return new ReportQuery(actor.shops(), shop, start, end, grouping);
  }

  private Instant instant(final String value, final String field, final boolean endOfDay) {
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (final DateTimeParseException notDateTime) {
      try {
        final LocalDate day = LocalDate.parse(value.strip());
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(reports.zone()).toInstant();
      } catch (final DateTimeParseException notDate) {
        throw ValidationException.of(
            field, "an ISO-8601 date-time with offset, or a date YYYY-MM-DD");
      }
    }
  }
}
