package io.pinflow.embedded.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogJournalTest {

  @TempDir Path folder;

  @Test
  void blocksWrittenAreReadBackInOrderAfterTheJournalIsOpenedAgain() {
    try (LogJournal journal = LogJournal.open(folder, 1 << 20)) {
      journal.append(1, 3, bytes("one"));
      journal.append(4, 4, bytes("two"));
      journal.append(5, 9, bytes("three"));
    }

    try (LogJournal journal = LogJournal.open(folder, 1 << 20)) {
      final List<LogJournal.Block> blocks = journal.takeRecovered();

      assertThat(blocks).extracting(LogJournal.Block::lowestPosition).containsExactly(1L, 4L, 5L);
      assertThat(blocks).extracting(LogJournal.Block::highestPosition).containsExactly(3L, 4L, 9L);
      assertThat(blocks).extracting(b -> text(b.bytes())).containsExactly("one", "two", "three");
      assertThat(journal.takeRecovered()).as("given out once").isEmpty();
    }
  }

  @Test
  void aTornLastEntryIsCutOffAndTheJournalGoesOnAfterTheLastWholeOne() throws IOException {
    try (LogJournal journal = LogJournal.open(folder, 1 << 20)) {
      journal.append(1, 1, bytes("whole"));
      journal.append(2, 2, bytes("also whole"));
    }
    final Path segment = onlySegment();
    final long whole = Files.size(segment);
    // a header that promises 100 bytes, and 5 of them: the process died mid-append
    final ByteBuffer torn = ByteBuffer.allocate(24 + 5);
    torn.putInt(100).putLong(3).putLong(3).putInt(0).put("torn!".getBytes(StandardCharsets.UTF_8));
    torn.flip();
    try (var channel = Files.newByteChannel(segment, StandardOpenOption.APPEND)) {
      channel.write(torn);
    }

    try (LogJournal journal = LogJournal.open(folder, 1 << 20)) {
      assertThat(journal.takeRecovered())
          .extracting(b -> text(b.bytes()))
          .containsExactly("whole", "also whole");
      assertThat(Files.size(segment)).isEqualTo(whole);
      journal.append(3, 3, bytes("after"));
    }
    try (LogJournal journal = LogJournal.open(folder, 1 << 20)) {
      assertThat(journal.takeRecovered())
          .extracting(b -> text(b.bytes()))
          .containsExactly("whole", "also whole", "after");
    }
  }

  @Test
  void aBlockWhoseBytesDoNotMatchTheirChecksumEndsTheJournal() throws IOException {
    try (LogJournal journal = LogJournal.open(folder, 1 << 20)) {
      journal.append(1, 1, bytes("first"));
      journal.append(2, 2, bytes("second"));
    }
    final Path segment = onlySegment();
    final byte[] content = Files.readAllBytes(segment);
    content[content.length - 1] ^= 0x01;
    Files.write(segment, content);

    try (LogJournal journal = LogJournal.open(folder, 1 << 20)) {
      assertThat(journal.takeRecovered()).extracting(b -> text(b.bytes())).containsExactly("first");
    }
  }

  @Test
  void segmentsWhollyBelowTheCompactionPointAreDeletedButNeverTheOneWrittenTo() throws IOException {
    try (LogJournal journal = LogJournal.open(folder, 1)) {
      for (int position = 1; position <= 10; position++) {
        journal.append(position, position, bytes("block number " + position));
      }
      assertThat(journal.segments()).isEqualTo(10);

      assertThat(journal.deleteBelow(7)).isEqualTo(6);
      assertThat(segmentFiles()).hasSize(4);
      assertThat(journal.deleteBelow(Long.MAX_VALUE)).isEqualTo(3);
      assertThat(journal.segments()).isEqualTo(1);
    }
    try (LogJournal journal = LogJournal.open(folder, 1)) {
      assertThat(journal.takeRecovered())
          .extracting(LogJournal.Block::lowestPosition)
          .containsExactly(10L);
    }
  }

  private Path onlySegment() throws IOException {
    final List<Path> files = segmentFiles();
    assertThat(files).hasSize(1);
    return files.getFirst();
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> listed = Files.list(folder)) {
      return listed.sorted().toList();
    }
  }

  private static ByteBuffer bytes(final String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(final ByteBuffer bytes) {
    final byte[] content = new byte[bytes.remaining()];
    bytes.duplicate().get(content);
    return new String(content, StandardCharsets.UTF_8);
  }
}
