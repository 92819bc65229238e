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

  /**
   * A collection for {@code IN (:param)}; an empty one becomes a value no row has, since {@code IN
   * ()} is not valid SQL.
   */
  static java.util.Collection<?> inList(final java.util.Collection<?> values) {
    return values.isEmpty() ? java.util.List.of("\u0000") : values;
  }

  /** Named parameters that may be null (Map.of refuses nulls). */
  static java.util.Map<String, Object> params(final Object... keysAndValues) {
    final java.util.Map<String, Object> params = new java.util.HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      params.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return params;
  }

  static Timestamp timestamp(final Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
