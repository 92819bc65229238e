package io.pinflow.domain.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.warehouse.WmsEvent;
import io.pinflow.domain.warehouse.WmsEventRepository;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcWmsEventRepository implements WmsEventRepository {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;

  JdbcWmsEventRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean insertIfAbsent(
      final WmsEvent event, final String payload, final Instant receivedAt) {
    try {
      jdbc.sql(
              "INSERT INTO wms_events (event_id, type, order_sn, after_sales_id, payload,"
                  + " received_at) VALUES (:id, :type, :sn, :afterSales, :payload, :at)")
          .param("id", event.eventId())
          .param("type", event.type())
          .param("sn", event.orderSn())
          .param("afterSales", event.afterSalesId())
          .param("payload", payload)
          .param("at", Sql.timestamp(receivedAt))
          .update();
      return true;
    } catch (final DuplicateKeyException seenBefore) {
      return false;
    }
  }

  @Override
  public List<WmsEvent> ofOrder(final String orderSn) {
    return jdbc.sql(
            "SELECT event_id, type, order_sn, after_sales_id, payload FROM wms_events"
                + " WHERE order_sn = :sn ORDER BY received_at, event_id")
        .param("sn", orderSn)
        .query(
            (rs, row) -> {
              final JsonNode payload = read(rs.getString("payload"));
              return new WmsEvent(
                  rs.getString("event_id"),
                  rs.getString("type"),
                  rs.getString("order_sn"),
                  rs.getString("after_sales_id"),
                  text(payload, "carrier"),
                  text(payload, "trackingNumber"),
                  text(payload, "inspection"));
            })
        .list();
  }

  private static JsonNode read(final String payload) {
    try {
      return JSON.readTree(payload);
    } catch (final JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }

  private static String text(final JsonNode payload, final String field) {
    final JsonNode value = payload.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
