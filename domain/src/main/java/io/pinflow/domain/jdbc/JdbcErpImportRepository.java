package io.pinflow.domain.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.erp.ErpImport;
import io.pinflow.domain.erp.ErpImportRepository;
import io.pinflow.domain.erp.ImportKind;
import io.pinflow.domain.erp.ImportReject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcErpImportRepository implements ErpImportRepository {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "import_id, kind, content_hash, source, file_name, format, size_bytes, status,"
          + " records_total, records_accepted, records_rejected, error, received_by, claimed_by,"
          + " started_at, finished_at";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;

  JdbcErpImportRepository(final JdbcClient jdbc, final NamedParameterJdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  @Override
  public Optional<Long> insert(final ErpImport running) {
    final var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    try {
      jdbc.sql(
              "INSERT INTO erp_imports (kind, content_hash, source, file_name, format,"
                  + " size_bytes, status, received_by, claimed_by, started_at, heartbeat_at)"
                  + " VALUES (:kind, :hash, :source, :file, :format, :size, 'RUNNING', :received,"
                  + " :claimed, :at, :at)")
          .param("kind", running.kind().name())
          .param("hash", running.contentHash())
          .param("source", running.source())
          .param("file", running.fileName())
          .param("format", running.format())
          .param("size", running.sizeBytes())
          .param("received", running.receivedBy())
          .param("claimed", running.claimedBy())
          .param("at", Sql.timestamp(running.startedAt()))
          .update(keys, "import_id");
      return Optional.of(keys.getKey().longValue());
    } catch (final DuplicateKeyException known) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<ErpImport> find(final long importId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM erp_imports WHERE import_id = :id")
        .param("id", importId)
        .query(JdbcErpImportRepository::map)
        .optional();
  }

  @Override
  public Optional<ErpImport> find(final ImportKind kind, final String contentHash) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM erp_imports WHERE kind = :kind AND content_hash = :hash")
        .param("kind", kind.name())
        .param("hash", contentHash)
        .query(JdbcErpImportRepository::map)
        .optional();
  }

  @Override
  @org.springframework.transaction.annotation.Transactional
  public boolean takeOver(
      final long importId, final String claimant, final Instant staleBefore, final Instant at) {
    // a running import's claimant proves it is alive with each batch (heartbeat_at)
    final boolean taken =
        jdbc.sql(
                    "UPDATE erp_imports SET status = 'RUNNING', claimed_by = :claimant, started_at ="
                        + " :at, heartbeat_at = :at, finished_at = NULL, error = NULL WHERE import_id ="
                        + " :id AND (status = 'FAILED' OR (status = 'RUNNING' AND heartbeat_at <"
                        + " :stale))")
                .param("claimant", claimant)
                .param("at", Sql.timestamp(at))
                .param("id", importId)
                .param("stale", Sql.timestamp(staleBefore))
                .update()
            == 1;
    if (taken) {
      // the new run rejects afresh what is still wrong
      jdbc.sql("DELETE FROM erp_import_rejects WHERE import_id = :id")
          .param("id", importId)
          .update();
    }
    return taken;
  }

  @Override
  public void progress(
      final long importId,
      final int total,
      final int accepted,
      final int rejected,
      final Instant at) {
    jdbc.sql(
            "UPDATE erp_imports SET records_total = :total, records_accepted = :accepted,"
                + " records_rejected = :rejected, heartbeat_at = :at WHERE import_id = :id")
        .param("total", total)
        .param("accepted", accepted)
        .param("rejected", rejected)
        .param("at", Sql.timestamp(at))
        .param("id", importId)
        .update();
  }

  @Override
  public void finish(
      final long importId,
      final ErpImport.Status status,
      final int total,
      final int accepted,
      final int rejected,
      final String error,
      final Instant at) {
    jdbc.sql(
            "UPDATE erp_imports SET status = :status, records_total = :total, records_accepted ="
                + " :accepted, records_rejected = :rejected, error = :error, finished_at = :at"
                + " WHERE import_id = :id")
        .param("status", status.name())
        .param("total", total)
        .param("accepted", accepted)
        .param("rejected", rejected)
        .param("error", error)
        .param("at", Sql.timestamp(at))
        .param("id", importId)
        .update();
  }

  @Override
  public void addRejects(final Collection<ImportReject> rejects) {
    if (rejects.isEmpty()) {
      return;
    }
    template.batchUpdate(
        "INSERT INTO erp_import_rejects (import_id, record_no, line_no, reason, record, status)"
            + " VALUES (:id, :no, :line, :reason, :record, 'OPEN') ON DUPLICATE KEY UPDATE reason ="
            + " VALUES(reason), record = VALUES(record), status = 'OPEN', resolved_at = NULL",
        rejects.stream()
            .map(
                r ->
                    new MapSqlParameterSource()
                        .addValue("id", r.importId())
                        .addValue("no", r.recordNo())
                        .addValue("line", r.line())
                        .addValue("reason", r.reason())
                        .addValue("record", json(r.record())))
            .toArray(MapSqlParameterSource[]::new));
  }

  @Override
  public Page<ImportReject> rejects(final long importId, final PageRequest page) {
    return Sql.page(
        jdbc,
        "import_id, record_no, line_no, reason, record, status, resolved_at",
        " FROM erp_import_rejects WHERE import_id = :id",
        "record_no",
        Map.of("id", importId),
        page,
        JdbcErpImportRepository::reject);
  }

  @Override
  public List<ImportReject> openRejects(
      final long importId, final long afterRecord, final int limit) {
    return jdbc.sql(
            "SELECT import_id, record_no, line_no, reason, record, status, resolved_at FROM"
                + " erp_import_rejects WHERE import_id = :id AND status = 'OPEN' AND record_no >"
                + " :after ORDER BY record_no LIMIT :limit")
        .param("id", importId)
        .param("after", afterRecord)
        .param("limit", limit)
        .query(JdbcErpImportRepository::reject)
        .list();
  }

  @Override
  public void resolveRejects(
      final long importId, final Collection<Long> recordNos, final Instant at) {
    if (recordNos.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE erp_import_rejects SET status = 'REPLAYED', resolved_at = :at WHERE import_id"
                + " = :id AND record_no IN (:nos)")
        .param("at", Sql.timestamp(at))
        .param("id", importId)
        .param("nos", recordNos)
        .update();
  }

  @Override
  public int openRejectCount(final long importId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM erp_import_rejects WHERE import_id = :id AND status = 'OPEN'")
        .param("id", importId)
        .query(Integer.class)
        .single();
  }

  @Override
  public Page<ErpImport> list(final PageRequest page) {
    return Sql.page(
        jdbc,
        COLUMNS,
        " FROM erp_imports WHERE TRUE",
        "import_id DESC",
        Map.of(),
        page,
        JdbcErpImportRepository::map);
  }

  private static String json(final Map<String, String> record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ImportReject reject(final ResultSet rs, final int row) throws SQLException {
    Map<String, String> record;
    try {
      record = JSON.readValue(rs.getString("record"), new TypeReference<>() {});
    } catch (final JsonProcessingException e) {
      record = Map.of();
    }
    return new ImportReject(
        rs.getLong("import_id"),
        rs.getLong("record_no"),
        rs.getLong("line_no"),
        rs.getString("reason"),
        record,
        ImportReject.Status.valueOf(rs.getString("status")),
        Sql.instant(rs, "resolved_at"));
  }

  private static ErpImport map(final ResultSet rs, final int row) throws SQLException {
    return new ErpImport(
        rs.getLong("import_id"),
        ImportKind.valueOf(rs.getString("kind")),
        rs.getString("content_hash"),
        rs.getString("source"),
        rs.getString("file_name"),
        rs.getString("format"),
        rs.getLong("size_bytes"),
        ErpImport.Status.valueOf(rs.getString("status")),
        rs.getInt("records_total"),
        rs.getInt("records_accepted"),
        rs.getInt("records_rejected"),
        rs.getString("error"),
        rs.getString("received_by"),
        rs.getString("claimed_by"),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "finished_at"));
  }
}
