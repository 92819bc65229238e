package io.pinflow.domain.jdbc;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.IncidentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcIncidentRepository implements IncidentRepository {

  private static final int MAX_MESSAGE = 4000;
  private static final String COLUMNS =
      "incident_id, kind, status, job_key, process_instance_key, element_id, job_type, source,"
          + " business_key, shop_id, error_type, error_message, payload, headers, retries,"
          + " created_at, resolved_at, resolved_by";
  private static final String FILTER =
      " FROM incidents WHERE (:status IS NULL OR status = :status)"
          + " AND (:all OR shop_id IS NULL OR shop_id IN (:shops))";

  private final JdbcClient jdbc;
  private final String engineRun;

  JdbcIncidentRepository(
      final JdbcClient jdbc, @Value("${pinflow.engine.run-id:cluster}") final String engineRun) {
    this.jdbc = jdbc;
    this.engineRun = engineRun;
  }

  @Override
  public long recordJobFailure(final Incident incident) {
    jdbc.sql(
            "INSERT INTO incidents (kind, status, engine_run, job_key, process_instance_key,"
                + " element_id, job_type, source, business_key, shop_id, error_type,"
                + " error_message, created_at) VALUES ('JOB', 'OPEN', :run, :jobKey, :instance,"
                + " :element, :type, :source, :businessKey, :shop, :errorType, :message, :at)"
                + " ON DUPLICATE KEY UPDATE status = 'OPEN', error_type = VALUES(error_type),"
                + " error_message = VALUES(error_message), resolved_at = NULL, resolved_by ="
                + " NULL")
        .param("run", engineRun)
        .param("jobKey", incident.jobKey())
        .param("instance", incident.processInstanceKey())
        .param("source", incident.source())
        .param("element", incident.elementId())
        .param("type", incident.jobType())
        .param("businessKey", incident.businessKey())
        .param("shop", incident.shopId())
        .param("errorType", incident.errorType())
        .param("message", truncate(incident.errorMessage()))
        .param("at", Sql.timestamp(incident.createdAt()))
        .update();
    return jdbc.sql(
            "SELECT incident_id FROM incidents WHERE engine_run = :run AND job_key = :jobKey")
        .param("run", engineRun)
        .param("jobKey", incident.jobKey())
        .query(Long.class)
        .single();
  }

  @Override
  public long recordDeadLetter(final Incident incident) {
    final var keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO incidents (kind, status, source, business_key, shop_id, error_type,"
                + " error_message, payload, headers, created_at) VALUES ('MESSAGE', 'OPEN',"
                + " :source, :businessKey, :shop, :errorType, :message, :payload, :headers, :at)")
        .param("source", incident.source())
        .param("businessKey", incident.businessKey())
        .param("shop", incident.shopId())
        .param("errorType", incident.errorType())
        .param("message", truncate(incident.errorMessage()))
        .param("payload", incident.payload())
        .param("headers", incident.headers())
        .param("at", Sql.timestamp(incident.createdAt()))
        .update(keys);
    return keys.getKey().longValue();
  }

  @Override
  public Optional<Long> openMessageIncident(final String source, final String businessKey) {
    return jdbc.sql(
            "SELECT incident_id FROM incidents WHERE kind = 'MESSAGE' AND status = 'OPEN' AND"
                + " source = :source AND business_key = :key ORDER BY incident_id LIMIT 1")
        .param("source", source)
        .param("key", businessKey)
        .query(Long.class)
        .optional();
  }

  @Override
  public Optional<Incident> find(final long incidentId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM incidents WHERE incident_id = :id")
        .param("id", incidentId)
        .query(JdbcIncidentRepository::map)
        .optional();
  }

  @Override
  public Page<Incident> list(
      final ShopScope scope, final Incident.Status status, final PageRequest page) {
    final Map<String, Object> params =
        Sql.params(
            "status", status == null ? null : status.name(),
            "all", scope.all(),
            "shops", Sql.inList(scope.shops()));
    return Sql.page(
        jdbc, COLUMNS, FILTER, "incident_id DESC", params, page, JdbcIncidentRepository::map);
  }

  @Override
  public boolean markRetried(final long incidentId, final String by, final Instant at) {
    return jdbc.sql(
                "UPDATE incidents SET status = 'RETRIED', retries = retries + 1, resolved_by ="
                    + " :by, resolved_at = :at WHERE incident_id = :id AND status = 'OPEN'")
            .param("by", by)
            .param("at", Sql.timestamp(at))
            .param("id", incidentId)
            .update()
        == 1;
  }

  @Override
  public void reopen(final long incidentId) {
    jdbc.sql(
            "UPDATE incidents SET status = 'OPEN', resolved_by = NULL, resolved_at = NULL"
                + " WHERE incident_id = :id")
        .param("id", incidentId)
        .update();
  }

  @Override
  public int resolveJobIncidentsOfEarlierEngineRuns(final String by, final Instant at) {
    return jdbc.sql(
            "UPDATE incidents SET status = 'RESOLVED', resolved_by = :by, resolved_at = :at"
                + " WHERE kind = 'JOB' AND status IN ('OPEN', 'RETRIED') AND engine_run <> :run")
        .param("by", by)
        .param("at", Sql.timestamp(at))
        .param("run", engineRun)
        .update();
  }

  @Override
  public void markResolved(final long incidentId, final String by, final Instant at) {
    jdbc.sql(
            "UPDATE incidents SET status = 'RESOLVED', resolved_by = :by, resolved_at = :at"
                + " WHERE incident_id = :id")
        .param("by", by)
        .param("at", Sql.timestamp(at))
        .param("id", incidentId)
        .update();
  }

  private static String truncate(final String message) {
    return message == null || message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 1) + "…";
  }

  private static Incident map(final ResultSet rs, final int row) throws SQLException {
    return new Incident(
        rs.getLong("incident_id"),
        Incident.Kind.valueOf(rs.getString("kind")),
        Incident.Status.valueOf(rs.getString("status")),
        Sql.nullableLong(rs, "job_key"),
        Sql.nullableLong(rs, "process_instance_key"),
        rs.getString("element_id"),
        rs.getString("job_type"),
        rs.getString("source"),
        rs.getString("business_key"),
        rs.getString("shop_id"),
        rs.getString("error_type"),
        rs.getString("error_message"),
        rs.getString("payload"),
        rs.getString("headers"),
        rs.getInt("retries"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "resolved_at"),
        rs.getString("resolved_by"));
  }
}
