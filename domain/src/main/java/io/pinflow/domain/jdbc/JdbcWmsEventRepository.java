package io.pinflow.domain.jdbc;

import io.pinflow.domain.warehouse.WmsEvent;
import io.pinflow.domain.warehouse.WmsEventRepository;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcWmsEventRepository implements WmsEventRepository {

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
}
