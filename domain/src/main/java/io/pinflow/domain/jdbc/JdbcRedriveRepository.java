package io.pinflow.domain.jdbc;

import io.pinflow.domain.redrive.Redrive;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.redrive.RedriveRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcRedriveRepository implements RedriveRepository {

  private static final String COLUMNS =
      "engine_run, business_type, business_key, process_id, start_elements, reason,"
          + " process_instance_key, claimed_at, started_at";

  private final JdbcClient jdbc;
  private final String engineRun;

  JdbcRedriveRepository(
      final JdbcClient jdbc, @Value("${pinflow.engine.run-id:cluster}") final String engineRun) {
    this.jdbc = jdbc;
    this.engineRun = engineRun;
  }

  @Override
  public boolean claim(final RedrivePlan plan, final Instant at) {
    final String reason = plan.reason();
    try {
      jdbc.sql(
              "INSERT INTO process_redrives (engine_run, business_type, business_key, process_id,"
                  + " start_elements, reason, claimed_at) VALUES (:run, :type, :key, :process,"
                  + " :elements, :reason, :at)")
          .param("run", engineRun)
          .param("type", plan.businessType())
          .param("key", plan.businessKey())
          .param("process", plan.processId())
          .param("elements", String.join(",", plan.startBefore()))
          .param("reason", reason.length() <= 1000 ? reason : reason.substring(0, 1000))
          .param("at", Sql.timestamp(at))
          .update();
      return true;
    } catch (final DuplicateKeyException claimedBefore) {
      return false;
    }
  }

  @Override
  public void started(final RedrivePlan plan, final long processInstanceKey, final Instant at) {
    jdbc.sql(
            "UPDATE process_redrives SET process_instance_key = :instance, started_at = :at"
                + " WHERE engine_run = :run AND business_type = :type AND business_key = :key")
        .param("instance", processInstanceKey)
        .param("at", Sql.timestamp(at))
        .param("run", engineRun)
        .param("type", plan.businessType())
        .param("key", plan.businessKey())
        .update();
  }

  @Override
  public void release(final RedrivePlan plan) {
    jdbc.sql(
            "DELETE FROM process_redrives WHERE engine_run = :run AND business_type = :type"
                + " AND business_key = :key AND process_instance_key IS NULL")
        .param("run", engineRun)
        .param("type", plan.businessType())
        .param("key", plan.businessKey())
        .update();
  }

  @Override
  public List<Redrive> ofThisRun() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM process_redrives WHERE engine_run = :run ORDER BY claimed_at,"
                + " business_type, business_key")
        .param("run", engineRun)
        .query(JdbcRedriveRepository::map)
        .list();
  }

  @Override
  public List<Redrive> of(final String businessType, final String businessKey) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM process_redrives WHERE business_type = :type AND business_key = :key"
                + " ORDER BY claimed_at")
        .param("type", businessType)
        .param("key", businessKey)
        .query(JdbcRedriveRepository::map)
        .list();
  }

  private static Redrive map(final ResultSet rs, final int row) throws SQLException {
    return new Redrive(
        rs.getString("engine_run"),
        rs.getString("business_type"),
        rs.getString("business_key"),
        rs.getString("process_id"),
        Arrays.asList(rs.getString("start_elements").split(",")),
        rs.getString("reason"),
        Sql.nullableLong(rs, "process_instance_key"),
        Sql.instant(rs, "claimed_at"),
        Sql.instant(rs, "started_at"));
  }
}
