package io.pinflow.domain.jdbc;

import io.pinflow.domain.sync.SyncCheckpoints;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSyncCheckpoints implements SyncCheckpoints {

  private final JdbcClient jdbc;

  JdbcSyncCheckpoints(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Instant> syncedTo(final String shopId, final String stream) {
    return jdbc.sql(
            "SELECT synced_to FROM sync_checkpoints WHERE shop_id = :shop AND stream = :stream")
        .param("shop", shopId)
        .param("stream", stream)
        .query(java.sql.Timestamp.class)
        .optional()
        .map(java.sql.Timestamp::toInstant);
  }

  @Override
  public void save(final String shopId, final String stream, final Instant syncedTo) {
    jdbc.sql(
            "INSERT INTO sync_checkpoints (shop_id, stream, synced_to, updated_at) VALUES (:shop,"
                + " :stream, :to, :now) ON DUPLICATE KEY UPDATE synced_to = VALUES(synced_to),"
                + " updated_at = VALUES(updated_at)")
        .param("shop", shopId)
        .param("stream", stream)
        .param("to", Sql.timestamp(syncedTo))
        .param("now", Sql.timestamp(Instant.now()))
        .update();
  }
}
