package io.pinflow.connectors.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinflow.domain.erp.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

  @Test
  void csvFieldsMayBeQuotedWithCommasQuotesAndLineBreaks() throws IOException {
    final List<SourceRecord> records =
        read(
            "\uFEFFsku,title,note\r\n"
                + "A,\"Hoodie, grey\",\"says \"\"hi\"\"\"\r\n"
                + "\r\n"
                + "B,\"two\nlines\",x\n"
                + "C,plain,last",
            "csv");

    assertThat(records).hasSize(3);
    assertThat(records.get(0).fields())
        .containsExactly(
            Map.entry("sku", "A"),
            Map.entry("title", "Hoodie, grey"),
            Map.entry("note", "says \"hi\""));
    assertThat(records.get(0).line()).isEqualTo(2);
    assertThat(records.get(1).fields()).containsEntry("title", "two\nlines");
    assertThat(records.get(1).line()).isEqualTo(4);
    assertThat(records.get(1).recordNo()).isEqualTo(2);
    assertThat(records.get(2).line()).isEqualTo(6);
    assertThat(records.get(2).fields()).containsEntry("note", "last");
    assertThat(records).allMatch(r -> r.unreadable() == null);
  }

  @Test
  void aBrokenCsvRecordIsUnreadableAndReadingGoesOn() throws IOException {
    final List<SourceRecord> records = read("a,b\n1,2,3\n\"x\"y,2\n3,4\n\"never closed,5\n", "csv");

    assertThat(records).hasSize(4);
    assertThat(records.get(0).unreadable()).isEqualTo("expected 2 fields, found 3");
    assertThat(records.get(1).unreadable()).isEqualTo("text after a closing quote in field 1");
    assertThat(records.get(2).unreadable()).isNull();
    assertThat(records.get(2).fields()).containsEntry("a", "3");
    assertThat(records.get(3).unreadable()).isEqualTo("a quoted field is never closed");
    assertThat(records.get(3).line()).isEqualTo(5);
  }

  @Test
  void anOverlongCsvRecordIsUnreadableWithoutBeingKept() throws IOException {
    final String huge = "x".repeat(CsvRecordReader.MAX_RECORD + 10);
    final List<SourceRecord> records = read("a,b\n" + huge + ",1\nok,2\n", "csv");

    assertThat(records.get(0).unreadable()).startsWith("record longer than");
    assertThat(records.get(0).fields()).isEmpty();
    assertThat(records.get(1).fields()).containsEntry("a", "ok");
  }

  @Test
  void aCsvFileWithoutHeaderOrInAnotherEncodingCannotBeRead() {
    assertThatThrownBy(() -> read("", "csv"))
        .isInstanceOf(RecordReader.UnreadableFileException.class)
        .hasMessageContaining("header row");
    assertThatThrownBy(() -> read("a,,c\n1,2,3\n", "csv"))
        .hasMessageContaining("empty column name");
    final byte[] gbk =
        "sku,title\nA,\u4E2D\u6587\n".getBytes(java.nio.charset.Charset.forName("GBK"));
    assertThatThrownBy(() -> readAll(RecordReader.open(new ByteArrayInputStream(gbk), "csv")))
        .isInstanceOf(RecordReader.UnreadableFileException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void jsonRecordsComeFromAnArrayOrAnItemsField() throws IOException {
    final List<SourceRecord> array =
        read("[{\"sku\":\"A\",\"onHand\":3,\"images\":[\"u1\",\"u2\"],\"note\":null}]", "json");
    final List<SourceRecord> items =
        read(
            "{\"source\":\"erp\",\"meta\":{\"x\":1},\"items\":[\n{\"sku\":\"B\"},\n{\"sku\":\"C\"}]}",
            "json");

    assertThat(array.get(0).fields())
        .containsExactly(
            Map.entry("sku", "A"), Map.entry("onHand", "3"), Map.entry("images", "u1|u2"));
    assertThat(items).extracting(r -> r.fields().get("sku")).containsExactly("B", "C");
    assertThat(items.get(1).line()).isEqualTo(3);
    assertThat(items.get(1).recordNo()).isEqualTo(2);
  }

  @Test
  void jsonElementsThatAreNotFlatObjectsAreUnreadable() throws IOException {
    final List<SourceRecord> records =
        read(
            "[5, {\"sku\":\"A\",\"dims\":{\"w\":1}}, {\"sku\":\"B\",\"tags\":[{\"x\":1}]}, {\"sku\":\"C\"}]",
            "json");

    assertThat(records)
        .extracting(SourceRecord::unreadable)
        .containsExactly(
            "record 1 is not an object",
            "dims: nested objects are not supported",
            "tags: a list of plain values is expected",
            null);
  }

  @Test
  void brokenJsonEndsTheFileWithItsLine() {
    assertThatThrownBy(() -> read("[{\"sku\":\"A\"},\n{\"sku\":", "json"))
        .isInstanceOf(RecordReader.UnreadableFileException.class)
        .hasMessageContaining("broken JSON at line 2");
    assertThatThrownBy(() -> read("\"just a string\"", "json"))
        .hasMessageContaining("expected a JSON array");
    assertThatThrownBy(() -> read("{\"rows\":[]}", "json"))
        .hasMessageContaining("no \"items\" array");
  }

  @Test
  void aHundredThousandRowsStreamThroughOneRecordAtATime() throws IOException {
    final InputStream rows =
        new InputStream() {
          private final byte[] header = "sku,onHand\n".getBytes(StandardCharsets.US_ASCII);
          private int row = -1;
          private byte[] current = header;
          private int position;

          @Override
          public int read() {
            if (position == current.length) {
              if (row + 1 >= 100_000) {
                return -1;
              }
              row++;
              current =
                  ("SKU-" + row + "," + (row % 50) + "\n").getBytes(StandardCharsets.US_ASCII);
              position = 0;
            }
            return current[position++];
          }
        };
    long count = 0;
    long last = 0;
    try (RecordReader reader = RecordReader.open(rows, "csv")) {
      while (reader.hasNext()) {
        final SourceRecord record = reader.next();
        count++;
        last = record.line();
      }
    }
    assertThat(count).isEqualTo(100_000);
    assertThat(last).isEqualTo(100_001);
  }

  private static List<SourceRecord> read(final String content, final String format)
      throws IOException {
    return readAll(
        RecordReader.open(
            new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), format));
  }

  private static List<SourceRecord> readAll(final RecordReader reader) throws IOException {
    try (reader) {
      final List<SourceRecord> records = new ArrayList<>();
      reader.forEachRemaining(records::add);
      return records;
    }
  }
}
