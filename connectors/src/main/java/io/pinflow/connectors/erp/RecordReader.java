package io.pinflow.connectors.erp;

import io.pinflow.domain.erp.SourceRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * Reads an ERP file record by record, holding one record in memory at a time. A record that cannot
 * be read comes back as {@link SourceRecord#unreadable()} with its line; a file that cannot be read
 * on at all throws {@link UnreadableFileException}.
 */
public interface RecordReader extends Iterator<SourceRecord>, Closeable {

  /** The columns the file declares (CSV header); empty where records name their own fields. */
  List<String> columns();

  static RecordReader open(final InputStream in, final String format) throws IOException {
    return switch (format) {
      case "csv" -> new CsvRecordReader(in);
      case "json" -> new JsonRecordReader(in);
      default -> throw new UnreadableFileException("unknown format " + format + ": csv or json");
    };
  }

  /** The file as a whole cannot be read: no header, broken JSON, not UTF-8. */
  final class UnreadableFileException extends RuntimeException {
    public UnreadableFileException(final String message) {
      super(message);
    }

    public UnreadableFileException(final String message, final Throwable cause) {
      super(message, cause);
    }
  }
}
