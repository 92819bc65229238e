package io.pinflow.domain.jdbc;

import io.pinflow.domain.campaign.Campaign;
import io.pinflow.domain.campaign.CampaignApproval;
import io.pinflow.domain.campaign.CampaignItem;
import io.pinflow.domain.campaign.CampaignQuery;
import io.pinflow.domain.campaign.CampaignReport;
import io.pinflow.domain.campaign.CampaignRepository;
import io.pinflow.domain.campaign.CampaignStatus;
import io.pinflow.domain.campaign.NewCampaign;
import io.pinflow.domain.common.Page;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcCampaignRepository implements CampaignRepository {

  private static final String COLUMNS =
      "campaign_id, shop_id, name, start_time, end_time, status, submitted_by, round, problems,"
          + " discount_depth_percent, total_subsidy_fen, below_cost_items, approvers,"
          + " routing_rule, revision_reason, stop_requested_at, stopped_early, closed_reason,"
          + " report_from, report_to, reported_at, created_at, activated_at, ended_at,"
          + " updated_at";
  private static final String FILTER =
      " FROM campaigns WHERE (:all OR shop_id IN (:shops)) AND (:shop IS NULL OR shop_id = :shop)"
          + " AND (:status IS NULL OR status = :status)";
  private static final String ITEM_COLUMNS =
      "campaign_id, outer_sku_id, activity_price_fen, quantity, per_buyer_limit,"
          + " regular_price_fen, cost_fen, goods_id, pdd_activity_id, reserved_quantity,"
          + " remaining_quantity";

  /** Lines of a TEXT column: problems never hold a line break. */
  private static final String LINES = "\n";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;

  JdbcCampaignRepository(final JdbcClient jdbc, final NamedParameterJdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  @Override
  @Transactional
  public boolean insert(final Campaign campaign, final String idempotencyKey) {
    try {
      jdbc.sql(
              "INSERT INTO campaigns (campaign_id, shop_id, name, start_time, end_time, status,"
                  + " submitted_by, idempotency_key, created_at, updated_at) VALUES (:id, :shop,"
                  + " :name, :start, :end, :status, :by, :key, :at, :at)")
          .param("id", campaign.campaignId())
          .param("shop", campaign.shopId())
          .param("name", campaign.name())
          .param("start", Sql.timestamp(campaign.startTime()))
          .param("end", Sql.timestamp(campaign.endTime()))
          .param("status", campaign.status().name())
          .param("by", campaign.submittedBy())
          .param("key", idempotencyKey)
          .param("at", Sql.timestamp(campaign.createdAt()))
          .update();
    } catch (final DuplicateKeyException sameKey) {
      return false;
    }
    insertItems(campaign.campaignId(), campaign.items());
    return true;
  }

  private void insertItems(final String campaignId, final List<CampaignItem> items) {
    final List<MapSqlParameterSource> rows = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      final CampaignItem item = items.get(i);
      rows.add(
          new MapSqlParameterSource()
              .addValue("id", campaignId)
              .addValue("sku", item.outerSkuId())
              .addValue("price", item.activityPriceFen())
              .addValue("quantity", item.quantity())
              .addValue("limit", item.perBuyerLimit())
              .addValue("position", i));
    }
    template.batchUpdate(
        "INSERT INTO campaign_items (campaign_id, outer_sku_id, activity_price_fen, quantity,"
            + " per_buyer_limit, position) VALUES (:id, :sku, :price, :quantity, :limit,"
            + " :position)",
        rows.toArray(MapSqlParameterSource[]::new));
  }

  @Override
  public Optional<Campaign> find(final String campaignId) {
    return one(
        "SELECT " + COLUMNS + " FROM campaigns WHERE campaign_id = :id", Map.of("id", campaignId));
  }

  @Override
  public Optional<Campaign> findByIdempotencyKey(final String shopId, final String key) {
    return one(
        "SELECT " + COLUMNS + " FROM campaigns WHERE shop_id = :shop AND idempotency_key = :key",
        Map.of("shop", shopId, "key", key));
  }

  private Optional<Campaign> one(final String sql, final Map<String, ?> params) {
    return jdbc.sql(sql)
        .params(params)
        .query(JdbcCampaignRepository::map)
        .optional()
        .map(campaign -> complete(List.of(campaign)).getFirst());
  }

  @Override
  public List<String> unfinished() {
    return jdbc.sql(
            "SELECT campaign_id FROM campaigns WHERE status NOT IN ('ENDED', 'WITHDRAWN',"
                + " 'CANCELLED') ORDER BY created_at, campaign_id")
        .query(String.class)
        .list();
  }

  @Override
  public Page<Campaign> list(final CampaignQuery query) {
    if (query.scope().isEmpty()) {
      return new Page<>(List.of(), query.page().page(), query.page().size(), 0);
    }
    final Page<Campaign> page =
        Sql.page(
            jdbc,
            COLUMNS,
            FILTER,
            "created_at DESC, campaign_id DESC",
            Sql.params(
                "all", query.scope().all(),
                "shops", Sql.inList(query.scope().shops()),
                "shop", query.shopId(),
                "status", query.status() == null ? null : query.status().name()),
            query.page(),
            JdbcCampaignRepository::map);
    return new Page<>(complete(page.items()), page.page(), page.size(), page.total());
  }

  /** Adds items and approval decisions, two queries for any number of campaigns. */
  private List<Campaign> complete(final List<Campaign> campaigns) {
    if (campaigns.isEmpty()) {
      return campaigns;
    }
    final List<String> ids = campaigns.stream().map(Campaign::campaignId).toList();
    final Map<String, List<CampaignItem>> items =
        jdbc
            .sql(
                "SELECT "
                    + ITEM_COLUMNS
                    + " FROM campaign_items WHERE campaign_id IN (:ids) ORDER BY campaign_id,"
                    + " position")
            .param("ids", ids)
            .query((rs, row) -> Map.entry(rs.getString("campaign_id"), item(rs)))
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    final Map<String, List<CampaignApproval>> approvals =
        jdbc
            .sql(
                "SELECT campaign_id, round, step, role, decision, comment, decided_by,"
                    + " decided_at FROM campaign_approvals WHERE campaign_id IN (:ids) ORDER BY"
                    + " campaign_id, round, step")
            .param("ids", ids)
            .query(
                (rs, row) ->
                    Map.entry(
                        rs.getString("campaign_id"),
                        new CampaignApproval(
                            rs.getInt("round"),
                            rs.getInt("step"),
                            rs.getString("role"),
                            rs.getString("decision"),
                            rs.getString("comment"),
                            rs.getString("decided_by"),
                            Sql.instant(rs, "decided_at"))))
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return campaigns.stream()
        .map(
            c ->
                c.with(
                    items.getOrDefault(c.campaignId(), List.of()),
                    approvals.getOrDefault(c.campaignId(), List.of())))
        .toList();
  }

  @Override
  public boolean moveTo(
      final String campaignId,
      final Collection<CampaignStatus> from,
      final CampaignStatus to,
      final Instant at) {
    return jdbc.sql(
                "UPDATE campaigns SET status = :to, updated_at = :at, version = version + 1 WHERE"
                    + " campaign_id = :id AND status IN (:from)")
            .param("to", to.name())
            .param("at", Sql.timestamp(at))
            .param("id", campaignId)
            .param("from", names(from))
            .update()
        == 1;
  }

  @Override
  @Transactional
  public void replacePlan(final String campaignId, final NewCampaign plan, final Instant at) {
    update(
        "name = :name, start_time = :start, end_time = :end",
        campaignId,
        at,
        Map.of(
            "name",
            plan.name().strip(),
            "start",
            Sql.timestamp(plan.startTime()),
            "end",
            Sql.timestamp(plan.endTime())));
    jdbc.sql("DELETE FROM campaign_items WHERE campaign_id = :id").param("id", campaignId).update();
    insertItems(
        campaignId,
        plan.items().stream()
            .map(
                i ->
                    CampaignItem.requested(
                        i.outerSkuId(), i.activityPriceFen(), i.quantity(), i.perBuyerLimit()))
            .toList());
  }

  @Override
  @Transactional
  public void recordChecks(
      final String campaignId,
      final List<CampaignItem> items,
      final List<String> problems,
      final BigDecimal discountDepthPercent,
      final long totalSubsidyFen,
      final int belowCostItems,
      final Instant at) {
    update(
        "problems = :problems, discount_depth_percent = :depth, total_subsidy_fen = :subsidy,"
            + " below_cost_items = :below",
        campaignId,
        at,
        Map.of(
            "problems",
            String.join(LINES, problems.stream().map(p -> p.replace('\n', ' ')).toList()),
            "depth",
            discountDepthPercent,
            "subsidy",
            totalSubsidyFen,
            "below",
            belowCostItems));
    template.batchUpdate(
        "UPDATE campaign_items SET regular_price_fen = :regular, cost_fen = :cost, goods_id ="
            + " :goods WHERE campaign_id = :id AND outer_sku_id = :sku",
        items.stream()
            .map(
                i ->
                    new MapSqlParameterSource()
                        .addValue("regular", i.regularPriceFen())
                        .addValue("cost", i.costFen())
                        .addValue("goods", i.goodsId())
                        .addValue("id", campaignId)
                        .addValue("sku", i.outerSkuId()))
            .toArray(MapSqlParameterSource[]::new));
  }

  @Override
  public void recordRouting(
      final String campaignId, final List<String> approvers, final String rule, final Instant at) {
    update(
        "approvers = :approvers, routing_rule = :rule",
        campaignId,
        at,
        Sql.params("approvers", String.join(",", approvers), "rule", rule));
  }

  @Override
  public boolean recordApproval(final String campaignId, final CampaignApproval approval) {
    try {
      jdbc.sql(
              "INSERT INTO campaign_approvals (campaign_id, round, step, role, decision, comment,"
                  + " decided_by, decided_at) VALUES (:id, :round, :step, :role, :decision,"
                  + " :comment, :by, :at)")
          .param("id", campaignId)
          .param("round", approval.round())
          .param("step", approval.step())
          .param("role", approval.role())
          .param("decision", approval.decision())
          .param(
              "comment",
              approval.comment() == null || approval.comment().length() <= 500
                  ? approval.comment()
                  : approval.comment().substring(0, 500))
          .param("by", approval.decidedBy())
          .param("at", Sql.timestamp(approval.decidedAt()))
          .update();
      return true;
    } catch (final DuplicateKeyException recordedBefore) {
      return false;
    }
  }

  @Override
  public boolean requestRevision(
      final String campaignId,
      final Collection<CampaignStatus> from,
      final String reason,
      final Instant at) {
    return jdbc.sql(
                "UPDATE campaigns SET status = 'REJECTED', revision_reason = :reason, updated_at ="
                    + " :at, version = version + 1 WHERE campaign_id = :id AND status IN (:from)")
            .param("reason", reason)
            .param("at", Sql.timestamp(at))
            .param("id", campaignId)
            .param("from", names(from))
            .update()
        == 1;
  }

  @Override
  public boolean resubmit(final String campaignId, final Instant at) {
    return jdbc.sql(
                "UPDATE campaigns SET status = 'SUBMITTED', round = round + 1, problems = NULL,"
                    + " approvers = NULL, routing_rule = NULL, updated_at = :at, version = version"
                    + " + 1 WHERE campaign_id = :id AND status = 'REJECTED'")
            .param("at", Sql.timestamp(at))
            .param("id", campaignId)
            .update()
        == 1;
  }

  @Override
  public List<Overlap> overlapping(
      final String campaignId,
      final String shopId,
      final Collection<String> outerSkuIds,
      final Instant from,
      final Instant to,
      final Collection<CampaignStatus> statuses) {
    return jdbc.sql(
            "SELECT c.campaign_id, i.outer_sku_id, c.status FROM campaigns c JOIN campaign_items i"
                + " ON i.campaign_id = c.campaign_id WHERE c.shop_id = :shop AND c.campaign_id <>"
                + " :id AND c.status IN (:statuses) AND i.outer_sku_id IN (:skus) AND c.start_time"
                + " < :to AND c.end_time > :from ORDER BY c.campaign_id, i.outer_sku_id")
        .param("shop", shopId)
        .param("id", campaignId)
        .param("statuses", names(statuses))
        .param("skus", Sql.inList(outerSkuIds))
        .param("from", Sql.timestamp(from))
        .param("to", Sql.timestamp(to))
        .query(
            (rs, row) ->
                new Overlap(
                    rs.getString(1), rs.getString(2), CampaignStatus.valueOf(rs.getString(3))))
        .list();
  }

  @Override
  @Transactional
  public void recordReserved(
      final String campaignId, final Map<String, Integer> reserved, final Instant at) {
    setItemQuantities(campaignId, "reserved_quantity", reserved);
    touch(campaignId, at);
  }

  @Override
  public void recordActivity(
      final String campaignId, final long goodsId, final long activityId, final Instant at) {
    jdbc.sql(
            "UPDATE campaign_items SET pdd_activity_id = :activity WHERE campaign_id = :id AND"
                + " goods_id = :goods")
        .param("activity", activityId)
        .param("id", campaignId)
        .param("goods", goodsId)
        .update();
    touch(campaignId, at);
  }

  @Override
  public boolean activate(final String campaignId, final Instant at) {
    return jdbc.sql(
                "UPDATE campaigns SET status = 'ACTIVE', activated_at = :at, updated_at = :at,"
                    + " version = version + 1 WHERE campaign_id = :id AND status = 'SCHEDULED'")
            .param("at", Sql.timestamp(at))
            .param("id", campaignId)
            .update()
        == 1;
  }

  @Override
  public boolean markStopRequested(final String campaignId, final Instant at) {
    return jdbc.sql(
                "UPDATE campaigns SET stop_requested_at = :at, updated_at = :at WHERE campaign_id"
                    + " = :id AND stop_requested_at IS NULL AND status IN (:open)")
            .param("at", Sql.timestamp(at))
            .param("id", campaignId)
            .param(
                "open",
                names(
                    Arrays.stream(CampaignStatus.values()).filter(CampaignStatus::isOpen).toList()))
            .update()
        == 1;
  }

  @Override
  @Transactional
  public boolean close(
      final String campaignId,
      final CampaignStatus status,
      final boolean stoppedEarly,
      final String reason,
      final Map<String, Integer> remaining,
      final Instant at) {
    final boolean closed =
        jdbc.sql(
                    "UPDATE campaigns SET status = :status, stopped_early = :early, closed_reason"
                        + " = :reason, ended_at = :at, updated_at = :at, version = version + 1"
                        + " WHERE campaign_id = :id AND status NOT IN ('ENDED', 'WITHDRAWN',"
                        + " 'CANCELLED')")
                .param("status", status.name())
                .param("early", stoppedEarly)
                .param("reason", reason.length() > 500 ? reason.substring(0, 500) : reason)
                .param("at", Sql.timestamp(at))
                .param("id", campaignId)
                .update()
            == 1;
    if (closed && !remaining.isEmpty()) {
      setItemQuantities(campaignId, "remaining_quantity", remaining);
    }
    return closed;
  }

  @Override
  public Map<String, Sales> sales(
      final String shopId,
      final Collection<String> outerSkuIds,
      final Instant from,
      final Instant to) {
    return jdbc
        .sql(
            "SELECT l.outer_sku_id, SUM(l.quantity), SUM(l.quantity * l.price_fen) FROM orders o"
                + " JOIN order_lines l ON l.order_sn = o.order_sn WHERE o.shop_id = :shop AND"
                + " l.outer_sku_id IN (:skus) AND o.confirm_time >= :from AND o.confirm_time <"
                + " :to AND o.status <> 'CANCELLED' GROUP BY l.outer_sku_id")
        .param("shop", shopId)
        .param("skus", Sql.inList(outerSkuIds))
        .param("from", Sql.timestamp(from))
        .param("to", Sql.timestamp(to))
        .query((rs, row) -> Map.entry(rs.getString(1), new Sales(rs.getLong(2), rs.getLong(3))))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Override
  @Transactional
  public void recordReport(
      final String campaignId,
      final Instant from,
      final Instant to,
      final Map<String, Sales> during,
      final Map<String, Sales> before,
      final Instant at) {
    final List<String> skus =
        jdbc.sql("SELECT outer_sku_id FROM campaign_items WHERE campaign_id = :id")
            .param("id", campaignId)
            .query(String.class)
            .list();
    template.batchUpdate(
        "UPDATE campaign_items SET units_during = :unitsDuring, revenue_during_fen ="
            + " :revenueDuring, units_before = :unitsBefore, revenue_before_fen = :revenueBefore"
            + " WHERE campaign_id = :id AND outer_sku_id = :sku",
        skus.stream()
            .map(
                sku -> {
                  final Sales now = during.getOrDefault(sku, Sales.NONE);
                  final Sales then = before.getOrDefault(sku, Sales.NONE);
                  return new MapSqlParameterSource()
                      .addValue("unitsDuring", now.units())
                      .addValue("revenueDuring", now.revenueFen())
                      .addValue("unitsBefore", then.units())
                      .addValue("revenueBefore", then.revenueFen())
                      .addValue("id", campaignId)
                      .addValue("sku", sku);
                })
            .toArray(MapSqlParameterSource[]::new));
    update(
        "report_from = :from, report_to = :to, reported_at = :reported",
        campaignId,
        at,
        Map.of(
            "from", Sql.timestamp(from), "to", Sql.timestamp(to), "reported", Sql.timestamp(at)));
  }

  @Override
  public List<CampaignReport.Line> reportLines(final String campaignId) {
    return jdbc.sql(
            "SELECT outer_sku_id, units_during, revenue_during_fen, units_before,"
                + " revenue_before_fen, reserved_quantity, remaining_quantity, regular_price_fen,"
                + " activity_price_fen FROM campaign_items WHERE campaign_id = :id ORDER BY"
                + " position")
        .param("id", campaignId)
        .query(
            (rs, row) -> {
              final int reserved = rs.getInt("reserved_quantity");
              final int sold = Math.max(0, reserved - rs.getInt("remaining_quantity"));
              final long regular = rs.getLong("regular_price_fen");
              final long perUnit = Math.max(0, regular - rs.getLong("activity_price_fen"));
              return new CampaignReport.Line(
                  rs.getString("outer_sku_id"),
                  rs.getLong("units_during"),
                  rs.getLong("revenue_during_fen"),
                  rs.getLong("units_before"),
                  rs.getLong("revenue_before_fen"),
                  reserved,
                  sold,
                  sold * perUnit);
            })
        .list();
  }

  private void update(
      final String set, final String campaignId, final Instant at, final Map<String, ?> params) {
    jdbc.sql(
            "UPDATE campaigns SET "
                + set
                + ", updated_at = :at, version = version + 1 WHERE campaign_id = :id")
        .params(params)
        .param("at", Sql.timestamp(at))
        .param("id", campaignId)
        .update();
  }

  /** Sets a quantity column of the campaign's items, per SKU. */
  private void setItemQuantities(
      final String campaignId, final String column, final Map<String, Integer> quantities) {
    template.batchUpdate(
        "UPDATE campaign_items SET "
            + column
            + " = :quantity WHERE campaign_id = :id AND outer_sku_id = :sku",
        quantities.entrySet().stream()
            .map(
                e ->
                    new MapSqlParameterSource()
                        .addValue("quantity", e.getValue())
                        .addValue("id", campaignId)
                        .addValue("sku", e.getKey()))
            .toArray(MapSqlParameterSource[]::new));
  }

  private void touch(final String campaignId, final Instant at) {
    jdbc.sql("UPDATE campaigns SET updated_at = :at WHERE campaign_id = :id")
        .param("at", Sql.timestamp(at))
        .param("id", campaignId)
        .update();
  }

  private static List<String> names(final Collection<CampaignStatus> statuses) {
    return statuses.stream().map(Enum::name).toList();
  }

  private static List<String> lines(final String column) {
    return column == null || column.isBlank() ? List.of() : List.of(column.split(LINES));
  }

  private static List<String> commaList(final String column) {
    return column == null || column.isBlank() ? List.of() : List.of(column.split(","));
  }

  private static CampaignItem item(final ResultSet rs) throws SQLException {
    return new CampaignItem(
        rs.getString("outer_sku_id"),
        rs.getLong("activity_price_fen"),
        rs.getInt("quantity"),
        rs.getInt("per_buyer_limit"),
        Sql.nullableLong(rs, "regular_price_fen"),
        Sql.nullableLong(rs, "cost_fen"),
        Sql.nullableLong(rs, "goods_id"),
        Sql.nullableLong(rs, "pdd_activity_id"),
        nullableInt(rs, "reserved_quantity"),
        nullableInt(rs, "remaining_quantity"));
  }

  private static Integer nullableInt(final ResultSet rs, final String column) throws SQLException {
    final int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Campaign map(final ResultSet rs, final int row) throws SQLException {
    return new Campaign(
        rs.getString("campaign_id"),
        rs.getString("shop_id"),
        rs.getString("name"),
        Sql.instant(rs, "start_time"),
        Sql.instant(rs, "end_time"),
        CampaignStatus.valueOf(rs.getString("status")),
        rs.getString("submitted_by"),
        rs.getInt("round"),
        lines(rs.getString("problems")),
        rs.getBigDecimal("discount_depth_percent"),
        Sql.nullableLong(rs, "total_subsidy_fen"),
        nullableInt(rs, "below_cost_items"),
        commaList(rs.getString("approvers")),
        rs.getString("routing_rule"),
        rs.getString("revision_reason"),
        Sql.instant(rs, "stop_requested_at"),
        rs.getBoolean("stopped_early"),
        rs.getString("closed_reason"),
        Sql.instant(rs, "report_from"),
        Sql.instant(rs, "report_to"),
        Sql.instant(rs, "reported_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "activated_at"),
        Sql.instant(rs, "ended_at"),
        Sql.instant(rs, "updated_at"),
        List.of(),
        List.of());
  }
}
