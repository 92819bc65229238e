package io.pinflow.domain.jdbc;

import io.pinflow.domain.aftersales.AfterSalesCase;
import io.pinflow.domain.aftersales.AfterSalesQuery;
import io.pinflow.domain.aftersales.AfterSalesRepository;
import io.pinflow.domain.aftersales.AfterSalesStatus;
import io.pinflow.domain.aftersales.AfterSalesType;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.report.ReportFacts.Subject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAfterSalesRepository implements AfterSalesRepository {

  private static final String COLUMNS =
      "after_sales_id, shop_id, order_sn, type, status, source, reason, refund_amount_fen,"
          + " refunded_amount_fen, expire_time, order_shipped, buyer_recent_cases, decision,"
          + " decision_rule, outcome, missed_deadline, refusal_reason, inspection,"
          + " replacement_tracking, opened_at, closed_at, withdrawn_at, updated_at, version";
  private static final String FILTER =
      " FROM after_sales WHERE (:all OR shop_id IN (:shops)) AND (:shop IS NULL OR shop_id ="
          + " :shop) AND (:sn IS NULL OR order_sn = :sn) AND (:type IS NULL OR type = :type) AND"
          + " (:status IS NULL OR status = :status) AND (:from IS NULL OR opened_at >= :from) AND"
          + " (:to IS NULL OR opened_at < :to)";
  private static final String NOT_FINAL =
      " AND status NOT IN ('REFUNDED', 'RESHIPPED', 'REJECTED', 'CLOSED')";

  private final JdbcClient jdbc;

  JdbcAfterSalesRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean insert(final AfterSalesCase c) {
    try {
      jdbc.sql(
              "INSERT INTO after_sales (after_sales_id, shop_id, order_sn, type, status, source,"
                  + " reason, refund_amount_fen, expire_time, order_shipped, buyer_recent_cases,"
                  + " opened_at, updated_at) VALUES (:id, :shop, :sn, :type, :status, :source,"
                  + " :reason, :amount, :expire, :shipped, :recent, :now, :now)")
          .param("id", c.afterSalesId())
          .param("shop", c.shopId())
          .param("sn", c.orderSn())
          .param("type", c.type().name())
          .param("status", c.status().name())
          .param("source", c.source())
          .param("reason", c.reason())
          .param("amount", c.refundAmountFen())
          .param("expire", Sql.timestamp(c.expireTime()))
          .param("shipped", c.orderShipped())
          .param("recent", c.buyerRecentCases())
          .param("now", Sql.timestamp(c.openedAt()))
          .update();
      JdbcReportFacts.recordWrite(
          jdbc, Subject.AFTER_SALES, c.shopId(), c.openedAt(), c.updatedAt());
      return true;
    } catch (final DuplicateKeyException exists) {
      return false;
    }
  }

  @Override
  public Optional<AfterSalesCase> find(final String afterSalesId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM after_sales WHERE after_sales_id = :id")
        .param("id", afterSalesId)
        .query(JdbcAfterSalesRepository::map)
        .optional();
  }

  @Override
  public List<String> unfinished() {
    return jdbc.sql(
            "SELECT after_sales_id FROM after_sales WHERE status IN ('OPEN', 'AWAITING_RETURN',"
                + " 'INSPECTING') AND source <> 'SAMPLE' ORDER BY opened_at, after_sales_id")
        .query(String.class)
        .list();
  }

  @Override
  public Page<AfterSalesCase> list(final AfterSalesQuery query) {
    if (query.scope().isEmpty()) {
      return new Page<>(List.of(), query.page().page(), query.page().size(), 0);
    }
    final Map<String, Object> params =
        Sql.params(
            "all", query.scope().all(),
            "shops", Sql.inList(query.scope().shops()),
            "shop", query.shopId(),
            "sn", query.orderSn(),
            "type", query.type() == null ? null : query.type().name(),
            "status", query.status() == null ? null : query.status().name(),
            "from", Sql.timestamp(query.from()),
            "to", Sql.timestamp(query.to()));
    return Sql.page(
        jdbc,
        COLUMNS,
        FILTER,
        "opened_at DESC, after_sales_id DESC",
        params,
        query.page(),
        JdbcAfterSalesRepository::map);
  }

  @Override
  public int recentCasesOfBuyer(final String shopId, final String orderSn, final Instant since) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM after_sales a JOIN orders o ON o.order_sn = a.order_sn"
                + " JOIN orders mine ON mine.order_sn = :sn WHERE a.shop_id = :shop AND a.opened_at"
                + " >= :since AND o.receiver_phone_mask <=> mine.receiver_phone_mask AND"
                + " o.receiver_name_mask <=> mine.receiver_name_mask")
        .param("sn", orderSn)
        .param("shop", shopId)
        .param("since", Sql.timestamp(since))
        .query(Integer.class)
        .single();
  }

  @Override
  public void recordDecision(
      final String afterSalesId, final String decision, final String rule, final Instant at) {
    jdbc.sql(
            "UPDATE after_sales SET decision = :decision, decision_rule = :rule, updated_at = :at,"
                + " version = version + 1 WHERE after_sales_id = :id")
        .param("decision", decision)
        .param("rule", rule)
        .param("at", Sql.timestamp(at))
        .param("id", afterSalesId)
        .update();
  }

  @Override
  public void markMissedDeadline(final String afterSalesId, final Instant at) {
    jdbc.sql(
            "UPDATE after_sales SET missed_deadline = TRUE, updated_at = :at, version = version + 1"
                + " WHERE after_sales_id = :id")
        .param("at", Sql.timestamp(at))
        .param("id", afterSalesId)
        .update();
  }

  @Override
  public boolean moveTo(final String afterSalesId, final AfterSalesStatus to, final Instant at) {
    return jdbc.sql(
                "UPDATE after_sales SET status = :to, updated_at = :at, version = version + 1"
                    + " WHERE after_sales_id = :id AND status <> :to"
                    + NOT_FINAL)
            .param("to", to.name())
            .param("at", Sql.timestamp(at))
            .param("id", afterSalesId)
            .update()
        == 1;
  }

  @Override
  public boolean close(
      final String afterSalesId,
      final AfterSalesStatus status,
      final String outcome,
      final Long refundedAmountFen,
      final String refusalReason,
      final Instant at) {
    return jdbc.sql(
                "UPDATE after_sales SET status = :status, outcome = :outcome, refunded_amount_fen ="
                    + " :refunded, refusal_reason = :refusal, closed_at = :at, updated_at = :at,"
                    + " version = version + 1 WHERE after_sales_id = :id"
                    + NOT_FINAL)
            .param("status", status.name())
            .param("outcome", outcome)
            .param("refunded", refundedAmountFen)
            .param("refusal", refusalReason)
            .param("at", Sql.timestamp(at))
            .param("id", afterSalesId)
            .update()
        == 1;
  }

  @Override
  public boolean markWithdrawn(final String afterSalesId, final Instant at) {
    return jdbc.sql(
                "UPDATE after_sales SET withdrawn_at = :at, updated_at = :at, version = version + 1"
                    + " WHERE after_sales_id = :id AND withdrawn_at IS NULL"
                    + NOT_FINAL)
            .param("at", Sql.timestamp(at))
            .param("id", afterSalesId)
            .update()
        == 1;
  }

  @Override
  public boolean recordReturn(
      final String afterSalesId, final String inspection, final Instant at) {
    return jdbc.sql(
                "UPDATE after_sales SET inspection = :inspection, status = 'INSPECTING', updated_at"
                    + " = :at, version = version + 1 WHERE after_sales_id = :id AND status IN"
                    + " ('OPEN', 'AWAITING_RETURN')")
            .param("inspection", inspection)
            .param("at", Sql.timestamp(at))
            .param("id", afterSalesId)
            .update()
        == 1;
  }

  @Override
  public boolean markRestocked(final String afterSalesId, final Instant at) {
    return jdbc.sql(
                "UPDATE after_sales SET inspection = 'RESTOCKED', updated_at = :at, version ="
                    + " version + 1 WHERE after_sales_id = :id AND status = 'INSPECTING' AND"
                    + " inspection = 'OK'")
            .param("at", Sql.timestamp(at))
            .param("id", afterSalesId)
            .update()
        == 1;
  }

  @Override
  public void recordReplacementTracking(
      final String afterSalesId, final String trackingNumber, final Instant at) {
    jdbc.sql(
            "UPDATE after_sales SET replacement_tracking = :tracking, updated_at = :at, version ="
                + " version + 1 WHERE after_sales_id = :id")
        .param("tracking", trackingNumber)
        .param("at", Sql.timestamp(at))
        .param("id", afterSalesId)
        .update();
  }

  private static AfterSalesCase map(final ResultSet rs, final int row) throws SQLException {
    return new AfterSalesCase(
        rs.getString("after_sales_id"),
        rs.getString("shop_id"),
        rs.getString("order_sn"),
        AfterSalesType.valueOf(rs.getString("type")),
        AfterSalesStatus.valueOf(rs.getString("status")),
        rs.getString("source"),
        rs.getString("reason"),
        rs.getLong("refund_amount_fen"),
        Sql.nullableLong(rs, "refunded_amount_fen"),
        Sql.instant(rs, "expire_time"),
        rs.getBoolean("order_shipped"),
        rs.getInt("buyer_recent_cases"),
        rs.getString("decision"),
        rs.getString("decision_rule"),
        rs.getString("outcome"),
        rs.getBoolean("missed_deadline"),
        rs.getString("refusal_reason"),
        rs.getString("inspection"),
        rs.getString("replacement_tracking"),
        Sql.instant(rs, "opened_at"),
        Sql.instant(rs, "closed_at"),
        Sql.instant(rs, "withdrawn_at"),
        Sql.instant(rs, "updated_at"),
        rs.getInt("version"));
  }
}
