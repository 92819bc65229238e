package io.pinflow.domain.report;

import java.math.BigDecimal;

/**
 * Fulfilment figures of one group (a day in the report's zone, a shop or a SKU): orders confirmed
 * in the range, their GMV (orders not cancelled) and, grouped by SKU, units, how many shipped and
 * how many of those before {@code lastShipTime}, time to ship (confirm to shipment) on average and
 * at the 90th percentile, deadline breaches (shipped late, or unshipped past the deadline) and
 * cancellations. Percent and hours are null when nothing shipped.
 */
public record FulfilmentRow(
    String key,
    long orders,
    Long units,
    long gmvFen,
    long shipped,
    long shippedOnTime,
    BigDecimal onTimePercent,
    BigDecimal avgHoursToShip,
    BigDecimal p90HoursToShip,
    long deadlineBreaches,
    long cancellations) {}
