package io.pinflow.connectors.erp;

import io.pinflow.domain.erp.SourceRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV: a header row names the columns; fields may be quoted, with doubled quotes inside
 * and line breaks within quotes. A UTF-8 byte order mark is skipped, blank lines are ignored. A
 * record with the wrong number of fields, or longer than {@value #MAX_RECORD} characters, is
 * unreadable; reading goes on with the next line.
 */
final class CsvRecordReader extends LookaheadReader {

  static final int MAX_RECORD = 64 * 1024;

  private final BufferedReader in;
  private final List<String> columns;
  private long line = 1;
  private long records;

  CsvRecordReader(final InputStream stream) throws IOException {
    final CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.in = new BufferedReader(new InputStreamReader(stream, utf8), 64 * 1024);
    try {
      this.columns = header();
    } catch (final java.nio.charset.CharacterCodingException e) {
      throw new RecordReader.UnreadableFileException(
          "not UTF-8 text near line " + line + " (save the file as UTF-8)", e);
    }
  }

  private List<String> header() throws IOException {
    in.mark(1);
    if (in.read() != '\uFEFF') {
      in.reset();
    }
    List<String> header = null;
    while (header == null) {
      final long start = line;
      final Parsed parsed = parse();
      if (parsed == null) {
        throw new RecordReader.UnreadableFileException("the file is empty: a header row is needed");
      }
      if (parsed.error != null) {
        throw new RecordReader.UnreadableFileException(
            "the header (line " + start + ") cannot be read: " + parsed.error);
      }
      if (!parsed.blank()) {
        header = parsed.fields.stream().map(String::strip).toList();
      }
    }
    if (header.stream().anyMatch(String::isEmpty)) {
      throw new RecordReader.UnreadableFileException("the header has an empty column name");
    }
    return header;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  protected SourceRecord read() {
    while (true) {
      final long start = line;
      final Parsed parsed;
      try {
        parsed = parse();
      } catch (final java.nio.charset.CharacterCodingException e) {
        throw new RecordReader.UnreadableFileException(
            "not UTF-8 text near line " + line + " (save the file as UTF-8)", e);
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
      if (parsed == null) {
        return null;
      }
      if (parsed.blank()) {
        continue;
      }
      records++;
      final Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(columns.size(), parsed.fields.size()); i++) {
        fields.put(columns.get(i), parsed.fields.get(i));
      }
      if (parsed.error != null) {
        return SourceRecord.unreadable(records, start, fields, parsed.error);
      }
      if (parsed.fields.size() != columns.size()) {
        return SourceRecord.unreadable(
            records,
            start,
            fields,
            "expected " + columns.size() + " fields, found " + parsed.fields.size());
      }
      return SourceRecord.of(records, start, fields);
    }
  }

  /** One parsed record: its fields, or why it is broken. */
  private record Parsed(List<String> fields, String error) {
    boolean blank() {
      return error == null && fields.size() == 1 && fields.getFirst().isBlank();
    }
  }

  /** Parses up to the end of one record (a line break outside quotes); null at end of input. */
  private Parsed parse() throws IOException {
    final List<String> fields = new ArrayList<>();
    final StringBuilder field = new StringBuilder();
    int length = 0;
    boolean quoted = false;
    boolean afterQuote = false;
    boolean any = false;
    String error = null;
    int c;
    while ((c = readChar()) != -1) {
      any = true;
      if (++length > MAX_RECORD && error == null) {
        error = "record longer than " + MAX_RECORD + " characters";
      }
      if (length > MAX_RECORD) {
        // read to its end, keep nothing of it
        fields.clear();
        field.setLength(0);
      }
      if (quoted) {
        if (c == '"') {
          in.mark(1);
          if (in.read() == '"') {
            append(field, '"', error);
          } else {
            in.reset();
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          append(field, (char) c, error);
        }
        continue;
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r') {
          in.mark(1);
          if (in.read() != '\n') {
            in.reset();
          }
        }
        line++;
        return finish(fields, field, length, error);
      } else if (c == '"' && field.isEmpty() && !afterQuote) {
        quoted = true;
      } else if (afterQuote) {
        if (error == null) {
          error = "text after a closing quote in field " + (fields.size() + 1);
        }
      } else {
        append(field, (char) c, error);
      }
    }
    if (!any) {
      return null;
    }
    if (quoted && length <= MAX_RECORD) {
      error = "a quoted field is never closed";
    }
    return finish(fields, field, length, error);
  }

  private static Parsed finish(
      final List<String> fields, final StringBuilder field, final int length, final String error) {
    if (length > MAX_RECORD) {
      return new Parsed(List.of(), error);
    }
    fields.add(field.toString());
    return new Parsed(fields, error);
  }

  private int readChar() throws IOException {
    return in.read();
  }

  private static void append(final StringBuilder field, final char c, final String error) {
    // a record already too long is read to its end but not kept
    if (error == null) {
      field.append(c);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
