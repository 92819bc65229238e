package io.pinflow.domain.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small helpers for reading nullable columns. */
final class Sql {

  private Sql() {}

  static Instant instant(final ResultSet rs, final String column) throws SQLException {
    final Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  static Long nullableLong(final ResultSet rs, final String column) throws SQLException {
    final long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static Timestamp timestamp(final Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
