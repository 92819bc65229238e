package io.pinflow.domain.erp;

import java.util.Map;

/**
 * One record as read from a file: its number in the file (1 for the first record), the line it
 * starts on, its fields by (header) name, and why it could not be read, if it could not.
 */
public record SourceRecord(
    long recordNo, long line, Map<String, String> fields, String unreadable) {

  public static SourceRecord of(
      final long recordNo, final long line, final Map<String, String> fields) {
    return new SourceRecord(recordNo, line, fields, null);
  }

  public static SourceRecord unreadable(
      final long recordNo, final long line, final Map<String, String> fields, final String why) {
    return new SourceRecord(recordNo, line, fields, why);
  }
}
