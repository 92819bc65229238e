package io.pinflow.connectors.erp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.erp.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON: an array of records, or an object whose {@code items} field is that array, read one record
 * at a time. Scalar fields become text; an array of scalars (images) becomes {@code |}-separated
 * text. An element that is not an object, or has nested objects, is unreadable; broken JSON ends
 * the file.
 */
final class JsonRecordReader extends LookaheadReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonParser parser;
  private long index;

  JsonRecordReader(final InputStream in) throws IOException {
    this.parser = new JsonFactory(JSON).createParser(in);
    try {
      final JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        seekItems();
      } else if (first != JsonToken.START_ARRAY) {
        throw new RecordReader.UnreadableFileException(
            "expected a JSON array of records, or an object with an \"items\" array");
      }
    } catch (final JsonProcessingException e) {
      throw broken(e);
    }
  }

  private void seekItems() throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      final String name = parser.currentName();
      final JsonToken value = parser.nextToken();
      if ("items".equals(name) && value == JsonToken.START_ARRAY) {
        return;
      }
      parser.skipChildren();
    }
    throw new RecordReader.UnreadableFileException("the object has no \"items\" array");
  }

  @Override
  public List<String> columns() {
    return List.of();
  }

  @Override
  protected SourceRecord read() {
    try {
      final JsonToken token = parser.nextToken();
      if (token == null || token == JsonToken.END_ARRAY) {
        return null;
      }
      index++;
      final long line = parser.currentTokenLocation().getLineNr();
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return SourceRecord.unreadable(
            index, line, Map.of(), "record " + index + " is not an object");
      }
      final JsonNode record = parser.readValueAsTree();
      final Map<String, String> fields = new LinkedHashMap<>();
      final List<String> problems = new ArrayList<>();
      record
          .properties()
          .forEach(
              field -> {
                final JsonNode value = field.getValue();
                if (value.isNull()) {
                  return;
                }
                if (value.isArray()) {
                  final List<String> parts = new ArrayList<>();
                  value.forEach(
                      part -> {
                        if (part.isContainerNode()) {
                          problems.add(field.getKey() + ": a list of plain values is expected");
                        } else {
                          parts.add(part.asText());
                        }
                      });
                  fields.put(field.getKey(), String.join("|", parts));
                } else if (value.isObject()) {
                  problems.add(field.getKey() + ": nested objects are not supported");
                } else {
                  fields.put(field.getKey(), value.asText());
                }
              });
      return problems.isEmpty()
          ? SourceRecord.of(index, line, fields)
          : SourceRecord.unreadable(index, line, fields, String.join("; ", problems));
    } catch (final JsonProcessingException e) {
      throw broken(e);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RecordReader.UnreadableFileException broken(final JsonProcessingException e) {
    final var location = e.getLocation();
    return new RecordReader.UnreadableFileException(
        "broken JSON"
            + (location == null ? "" : " at line " + location.getLineNr())
            + ": "
            + e.getOriginalMessage(),
        e);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
