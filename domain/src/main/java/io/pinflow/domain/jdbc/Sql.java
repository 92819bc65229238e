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

  /**
   * One page of {@code SELECT columns FROM … WHERE …} (the {@code from} part starts with {@code
   * FROM}) in the given order, with the total count of matching rows.
   */
  static <T> io.pinflow.domain.common.Page<T> page(
      final org.springframework.jdbc.core.simple.JdbcClient jdbc,
      final String columns,
      final String from,
      final String orderBy,
      final java.util.Map<String, Object> params,
      final io.pinflow.domain.common.PageRequest page,
      final org.springframework.jdbc.core.RowMapper<T> mapper) {
    final long total = jdbc.sql("SELECT COUNT(*)" + from).params(params).query(Long.class).single();
    final java.util.List<T> items =
        total == 0
            ? java.util.List.of()
            : jdbc.sql(
                    "SELECT "
                        + columns
                        + from
                        + " ORDER BY "
                        + orderBy
                        + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(mapper)
                .list();
    return new io.pinflow.domain.common.Page<>(items, page.page(), page.size(), total);
  }

  static Timestamp timestamp(final Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
