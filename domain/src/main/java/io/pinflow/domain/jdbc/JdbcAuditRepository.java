package io.pinflow.domain.jdbc;

import io.pinflow.domain.audit.AuditEntry;
import io.pinflow.domain.audit.AuditQuery;
import io.pinflow.domain.audit.AuditRepository;
import io.pinflow.domain.common.Page;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAuditRepository implements AuditRepository {

  private static final String FILTER =
      " WHERE (:actor IS NULL OR actor = :actor) AND (:action IS NULL OR action = :action)"
          + " AND (:from IS NULL OR at >= :from) AND (:to IS NULL OR at < :to)"
          + " AND (:all OR shop_id IN (:shops))";

  private final JdbcClient jdbc;

  JdbcAuditRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void append(final AuditEntry entry) {
    jdbc.sql(
            "INSERT INTO audit_log (at, actor, actor_type, action, target_type, target_key,"
                + " shop_id, outcome, source_address, detail) VALUES (:at, :actor, :actorType,"
                + " :action, :targetType, :targetKey, :shopId, :outcome, :source, :detail)")
        .param("at", Sql.timestamp(entry.at()))
        .param("actor", entry.actor())
        .param("actorType", entry.actorType())
        .param("action", entry.action())
        .param("targetType", entry.targetType())
        .param("targetKey", entry.targetKey())
        .param("shopId", entry.shopId())
        .param("outcome", entry.outcome().name())
        .param("source", entry.sourceAddress())
        .param("detail", entry.detail())
        .update();
  }

  @Override
  public Page<AuditEntry> search(final AuditQuery query) {
    final Map<String, Object> params =
        Sql.params(
            "actor", query.actor(),
            "action", query.action(),
            "from", Sql.timestamp(query.from()),
            "to", Sql.timestamp(query.to()),
            "all", query.scope().all(),
            "shops", Sql.inList(query.scope().shops()));
    final long total =
        jdbc.sql("SELECT COUNT(*) FROM audit_log" + FILTER)
            .params(params)
            .query(Long.class)
            .single();
    final List<AuditEntry> items =
        jdbc.sql(
                "SELECT id, at, actor, actor_type, action, target_type, target_key, shop_id,"
                    + " outcome, source_address, detail FROM audit_log"
                    + FILTER
                    + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
            .params(params)
            .param("limit", query.page().size())
            .param("offset", query.page().offset())
            .query(
                (rs, row) ->
                    new AuditEntry(
                        rs.getLong("id"),
                        Sql.instant(rs, "at"),
                        rs.getString("actor"),
                        rs.getString("actor_type"),
                        rs.getString("action"),
                        rs.getString("target_type"),
                        rs.getString("target_key"),
                        rs.getString("shop_id"),
                        AuditEntry.Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("source_address"),
                        rs.getString("detail")))
            .list();
    return new Page<>(items, query.page().page(), query.page().size(), total);
  }
}
