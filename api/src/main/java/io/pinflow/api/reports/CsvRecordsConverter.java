package io.pinflow.api.reports;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractGenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;

/**
 * Writes a list of records as CSV ({@code Accept: text/csv}): a header row of the record's field
 * names, one row per record, RFC 4180 quoting, UTF-8 with a byte-order mark so spreadsheets read
 * Chinese text right. Columns and values are those of the JSON answer. Registered after the JSON
 * converter ({@code WebConfiguration}), so that a client accepting anything gets JSON.
 */
public class CsvRecordsConverter extends AbstractGenericHttpMessageConverter<List<?>> {

  public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  public CsvRecordsConverter() {
    super(TEXT_CSV);
  }

  @Override
  protected boolean supports(final Class<?> clazz) {
    return List.class.isAssignableFrom(clazz);
  }

  @Override
  public boolean canRead(
      final Type type, @Nullable final Class<?> contextClass, @Nullable final MediaType mediaType) {
    return false;
  }

  @Override
  public boolean canWrite(
      @Nullable final Type type, final Class<?> clazz, @Nullable final MediaType mediaType) {
    return recordType(type) != null && canWrite(mediaType);
  }

  @Override
  protected void writeInternal(
      final List<?> rows, @Nullable final Type type, final HttpOutputMessage output)
      throws IOException {
    final Class<?> recordType = recordType(type);
    final RecordComponent[] columns = recordType.getRecordComponents();
    final Writer writer = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    for (int i = 0; i < columns.length; i++) {
      writer.write((i == 0 ? "" : ",") + columns[i].getName());
    }
    writer.write("\r\n");
    for (final Object row : rows) {
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          writer.write(',');
        }
        writer.write(cell(value(columns[i], row)));
      }
      writer.write("\r\n");
    }
    writer.flush();
  }

  private static Object value(final RecordComponent column, final Object row) {
    try {
      return column.getAccessor().invoke(row);
    } catch (final ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + column.getName(), e);
    }
  }

  private static String cell(final Object value) {
    if (value == null) {
      return "";
    }
    final String text =
        value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
    return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        ? "\"" + text.replace("\"", "\"\"") + "\""
        : text;
  }

  /** The record type of a {@code List<SomeRecord>} return type, or null. */
  private static Class<?> recordType(@Nullable final Type type) {
    if (type instanceof ParameterizedType list
        && list.getRawType() instanceof Class<?> raw
        && List.class.isAssignableFrom(raw)
        && list.getActualTypeArguments()[0] instanceof Class<?> element
        && element.isRecord()) {
      return element;
    }
    return null;
  }

  @Override
  protected List<?> readInternal(final Class<? extends List<?>> clazz, final HttpInputMessage in) {
    throw new HttpMessageNotReadableException("CSV is written, not read", in);
  }

  @Override
  public List<?> read(
      final Type type, @Nullable final Class<?> contextClass, final HttpInputMessage in) {
    throw new HttpMessageNotReadableException("CSV is written, not read", in);
  }
}
