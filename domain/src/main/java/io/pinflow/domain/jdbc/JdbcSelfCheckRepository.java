package io.pinflow.domain.jdbc;

import io.pinflow.domain.system.SelfCheck;
import io.pinflow.domain.system.SelfCheckRepository;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSelfCheckRepository implements SelfCheckRepository {

  private final JdbcClient jdbc;

  JdbcSelfCheckRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insertRequested(final String checkId, final Instant requestedAt) {
    jdbc.sql("INSERT INTO self_checks (check_id, requested_at) VALUES (:checkId, :requestedAt)")
        .param("checkId", checkId)
        .param("requestedAt", Timestamp.from(requestedAt))
        .update();
  }

  @Override
  public boolean markRecorded(
      final String checkId,
      final Instant recordedAt,
      final long processInstanceKey,
      final String worker) {
    return jdbc.sql(
                """
                UPDATE self_checks
                   SET recorded_at = :recordedAt, process_instance_key = :key, worker = :worker
                 WHERE check_id = :checkId AND recorded_at IS NULL
                """)
            .param("recordedAt", Timestamp.from(recordedAt))
            .param("key", processInstanceKey)
            .param("worker", worker)
            .param("checkId", checkId)
            .update()
        == 1;
  }

  @Override
  public Optional<SelfCheck> find(final String checkId) {
    return jdbc.sql(
            """
            SELECT check_id, requested_at, recorded_at, process_instance_key, worker
              FROM self_checks WHERE check_id = :checkId
            """)
        .param("checkId", checkId)
        .query(
            (rs, row) ->
                new SelfCheck(
                    rs.getString("check_id"),
                    Sql.instant(rs, "requested_at"),
                    Sql.instant(rs, "recorded_at"),
                    Sql.nullableLong(rs, "process_instance_key"),
                    rs.getString("worker")))
        .optional();
  }
}
