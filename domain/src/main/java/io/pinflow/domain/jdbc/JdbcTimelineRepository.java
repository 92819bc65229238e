package io.pinflow.domain.jdbc;

import io.pinflow.domain.timeline.TimelineEvent;
import io.pinflow.domain.timeline.TimelineRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTimelineRepository implements TimelineRepository {

  private static final String COLUMNS =
      "id, business_type, business_key, order_sn, at, type, detail, actor";

  private final JdbcClient jdbc;

  JdbcTimelineRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void append(final TimelineEvent event) {
    jdbc.sql(
            "INSERT INTO timeline_events (business_type, business_key, order_sn, at, type, detail,"
                + " actor) VALUES (:businessType, :businessKey, :orderSn, :at, :type, :detail,"
                + " :actor)")
        .param("businessType", event.businessType())
        .param("businessKey", event.businessKey())
        .param("orderSn", event.orderSn())
        .param("at", Sql.timestamp(event.at()))
        .param("type", event.type())
        .param("detail", clip(event.detail(), 1000))
        .param("actor", clip(event.actor(), 100))
        .update();
  }

  @Override
  public List<TimelineEvent> forOrder(final String orderSn) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM timeline_events WHERE order_sn = :sn ORDER BY id")
        .param("sn", orderSn)
        .query(JdbcTimelineRepository::map)
        .list();
  }

  @Override
  public List<TimelineEvent> forBusinessObject(
      final String businessType, final String businessKey) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM timeline_events WHERE business_type = :type AND business_key = :key"
                + " ORDER BY id")
        .param("type", businessType)
        .param("key", businessKey)
        .query(JdbcTimelineRepository::map)
        .list();
  }

  private static TimelineEvent map(final ResultSet rs, final int row) throws SQLException {
    return new TimelineEvent(
        rs.getLong("id"),
        rs.getString("business_type"),
        rs.getString("business_key"),
        rs.getString("order_sn"),
        Sql.instant(rs, "at"),
        rs.getString("type"),
        rs.getString("detail"),
        rs.getString("actor"));
  }

  private static String clip(final String value, final int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}
