package io.pinflow.domain.jdbc;

import io.pinflow.domain.report.ReportRepository.AfterSalesCounts;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * After-sales counts of one group as they add up, from cases or from daily facts; the select list
 * of {@link #COUNTS} names its columns as the facts do.
 */
final class AfterSalesSums {

  static final String COUNTS =
      "COUNT(*) AS cases, SUM(a.refund_amount_fen) AS asked_fen,"
          + " SUM(COALESCE(a.refunded_amount_fen, 0)) AS paid_fen, SUM(CASE WHEN a.status ="
          + " 'REFUNDED' THEN 1 ELSE 0 END) AS refunded, SUM(CASE WHEN a.status = 'REJECTED'"
          + " THEN 1 ELSE 0 END) AS rejected, SUM(CASE WHEN a.status IN ('OPEN',"
          + " 'AWAITING_RETURN', 'INSPECTING') THEN 1 ELSE 0 END) AS still_open,"
          + " COUNT(a.closed_at) AS handled, COALESCE(SUM(UNIX_TIMESTAMP(a.closed_at) -"
          + " UNIX_TIMESTAMP(a.opened_at)), 0) AS handling_seconds, SUM(CASE WHEN"
          + " a.missed_deadline THEN 1 ELSE 0 END) AS missed";

  /** The statuses of a case still being handled; a day with none of them can settle. */
  static final String OPEN_STATUSES = "('OPEN', 'AWAITING_RETURN', 'INSPECTING')";

  long cases;
  long askedFen;
  long paidFen;
  long refunded;
  long rejected;
  long open;
  long handled;
  long handlingSeconds;
  long missed;

  /** Adds a row of {@link #COUNTS} or a fact row (which has no open cases). */
  void add(final ResultSet rs, final boolean withOpen) throws SQLException {
    cases += rs.getLong("cases");
    askedFen += rs.getLong("asked_fen");
    paidFen += rs.getLong("paid_fen");
    refunded += rs.getLong("refunded");
    rejected += rs.getLong("rejected");
    open += withOpen ? rs.getLong("still_open") : 0;
    handled += rs.getLong("handled");
    handlingSeconds += rs.getLong("handling_seconds");
    missed += rs.getLong("missed");
  }

  AfterSalesCounts counts(final String key) {
    return new AfterSalesCounts(
        key,
        cases,
        askedFen,
        paidFen,
        refunded,
        rejected,
        open,
        handled == 0 ? null : (double) handlingSeconds / handled,
        missed);
  }
}
