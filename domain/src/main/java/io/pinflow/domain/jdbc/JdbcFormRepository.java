package io.pinflow.domain.jdbc;

import io.pinflow.domain.task.FormRepository;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcFormRepository implements FormRepository {

  private final JdbcClient jdbc;

  JdbcFormRepository(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void save(
      final long formKey, final String formId, final int version, final String schemaJson) {
    jdbc.sql(
            "INSERT INTO forms (form_key, form_id, version, schema_json) VALUES (:key, :id,"
                + " :version, :schema) ON DUPLICATE KEY UPDATE schema_json = VALUES(schema_json)")
        .param("key", formKey)
        .param("id", formId)
        .param("version", version)
        .param("schema", schemaJson)
        .update();
  }

  @Override
  public Optional<String> schema(final long formKey) {
    return jdbc.sql("SELECT schema_json FROM forms WHERE form_key = :key")
        .param("key", formKey)
        .query(String.class)
        .optional();
  }

  @Override
  public Optional<String> latestSchema(final String formId) {
    return jdbc.sql(
            "SELECT schema_json FROM forms WHERE form_id = :id ORDER BY version DESC LIMIT 1")
        .param("id", formId)
        .query(String.class)
        .optional();
  }
}
