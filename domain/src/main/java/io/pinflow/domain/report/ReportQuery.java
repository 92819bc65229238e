package io.pinflow.domain.report;

import io.pinflow.domain.access.ShopScope;
import java.time.Instant;

/** A report over {@code [from, to)} within a shop scope, optionally of one shop, grouped. */
public record ReportQuery(
    ShopScope scope, String shopId, Instant from, Instant to, Grouping groupBy) {

  /** How rows are grouped; not every report offers every grouping. */
  public enum Grouping {
    DAY,
    SHOP,
    SKU,
    TYPE,
    REASON,
    OUTCOME,
    TOTAL
  }
}
