package io.pinflow.embedded.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's log blocks on disk, in segment files appended to as the engine writes, so that after
 * a restart the engine finds what its state had not taken in yet. Segments whose blocks all lie
 * below the compaction point are deleted, so the journal is as long as the backlog, like the log in
 * memory.
 *
 * <p>An entry is {@code length, lowest position, highest position, CRC-32C of the bytes, bytes}. A
 * process killed in the middle of an append leaves a torn last entry: it fails its length or
 * checksum when the journal is opened again and is cut off, with nothing after it. Appends are
 * written, not forced to the device: they survive the process dying, not the machine losing power.
 */
final class LogJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LogJournal.class);
  private static final int HEADER_BYTES = Integer.BYTES + 2 * Long.BYTES + Integer.BYTES;
  private static final String SUFFIX = ".log";

  /** A block as read back from disk. */
  record Block(long lowestPosition, long highestPosition, ByteBuffer bytes) {}

  /** A segment file and the highest position written to it. */
  private static final class Segment {
    final Path file;
    long highestPosition;

    Segment(final Path file, final long highestPosition) {
      this.file = file;
      this.highestPosition = highestPosition;
    }
  }

  private final Path folder;
  private final long segmentBytes;
  private final Deque<Segment> segments = new ArrayDeque<>();
  private List<Block> recovered;
  private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
  private final CRC32C checksum = new CRC32C();
  private FileChannel current;

  /** Bytes in the segment written to, counted here rather than asked of the file each append. */
  private long currentBytes;

  private LogJournal(final Path folder, final long segmentBytes) {
    this.folder = folder;
    this.segmentBytes = segmentBytes;
    this.recovered = new ArrayList<>();
  }

  /**
   * Opens the journal in {@code folder}, reading back every whole block it holds; a torn entry at
   * the end is cut off.
   */
  static LogJournal open(final Path folder, final long segmentBytes) {
    final LogJournal journal = new LogJournal(folder, segmentBytes);
    try {
      Files.createDirectories(folder);
      journal.recover();
    } catch (final IOException e) {
      throw new UncheckedIOException("could not read the engine's log journal in " + folder, e);
    }
    return journal;
  }

  /**
   * The blocks found on disk when the journal was opened, in position order; given out once, the
   * journal keeps no reference to them.
   */
  List<Block> takeRecovered() {
    final List<Block> blocks = recovered;
    recovered = List.of();
    return blocks;
  }

  private void recover() throws IOException {
    final List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    boolean torn = false;
    for (final Path file : files) {
      if (torn) {
        // nothing written after a torn entry can be trusted to follow on from it
        Files.delete(file);
        continue;
      }
      final long highest;
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        final long whole = readBlocks(channel);
        torn = whole < channel.size();
        highest = recovered.isEmpty() ? -1 : recovered.getLast().highestPosition();
        if (torn) {
          LOG.warn(
              "The engine's log journal {} ends in a torn entry at byte {}: cut off",
              file.getFileName(),
              whole);
          try (FileChannel writable = FileChannel.open(file, StandardOpenOption.WRITE)) {
            writable.truncate(whole);
          }
        }
      }
      segments.add(new Segment(file, highest));
    }
  }

  /** Reads whole, intact entries; returns where the last of them ends. */
  private long readBlocks(final FileChannel channel) throws IOException {
    long offset = 0;
    final long size = channel.size();
    final ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES);
    while (offset + HEADER_BYTES <= size) {
      head.clear();
      channel.read(head, offset);
      head.flip();
      final int length = head.getInt();
      final long lowest = head.getLong();
      final long highest = head.getLong();
      final int crc = head.getInt();
      if (length <= 0 || offset + HEADER_BYTES + length > size || highest < lowest) {
        break;
      }
      final ByteBuffer bytes = ByteBuffer.allocate(length);
      channel.read(bytes, offset + HEADER_BYTES);
      bytes.flip();
      if (crc(bytes) != crc) {
        break;
      }
      recovered.add(new Block(lowest, highest, bytes));
      offset += HEADER_BYTES + length;
    }
    return offset;
  }

  private int crc(final ByteBuffer bytes) {
    checksum.reset();
    checksum.update(bytes.duplicate());
    return (int) checksum.getValue();
  }

  /** Writes a block at the end of the journal, in a new segment once the current one is full. */
  synchronized void append(
      final long lowestPosition, final long highestPosition, final ByteBuffer bytes) {
    try {
      final FileChannel channel = channelFor(lowestPosition);
      final ByteBuffer body = bytes.duplicate();
      header.clear();
      header.putInt(body.remaining()).putLong(lowestPosition).putLong(highestPosition);
      header.putInt(crc(body));
      header.flip();
      final ByteBuffer[] entry = {header, body};
      while (body.hasRemaining()) {
        currentBytes += channel.write(entry);
      }
      segments.getLast().highestPosition = highestPosition;
    } catch (final IOException e) {
      throw new UncheckedIOException("could not write the engine's log journal in " + folder, e);
    }
  }

  private FileChannel channelFor(final long lowestPosition) throws IOException {
    if (current != null && currentBytes < segmentBytes) {
      return current;
    }
    if (current == null && !segments.isEmpty()) {
      // the first append after opening goes on in the last segment while it has room
      final Path last = segments.getLast().file;
      currentBytes = Files.size(last);
      if (currentBytes < segmentBytes) {
        current = FileChannel.open(last, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return current;
      }
    }
    if (current != null) {
      current.close();
    }
    final Path file = folder.resolve(String.format("%020d%s", lowestPosition, SUFFIX));
    current =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    currentBytes = 0;
    segments.add(new Segment(file, -1));
    return current;
  }

  /**
   * Deletes the segments whose blocks all lie below {@code position}; the segment written to stays.
   */
  synchronized int deleteBelow(final long position) {
    int deleted = 0;
    while (segments.size() > 1 && segments.getFirst().highestPosition < position) {
      final Segment first = segments.removeFirst();
      try {
        Files.deleteIfExists(first.file);
        deleted++;
      } catch (final IOException e) {
        LOG.warn("could not delete the engine's log segment {}", first.file, e);
        segments.addFirst(first);
        break;
      }
    }
    return deleted;
  }

  /** Segment files on disk. */
  synchronized int segments() {
    return segments.size();
  }

  @Override
  public synchronized void close() {
    if (current == null) {
      return;
    }
    try {
      current.close();
    } catch (final IOException e) {
      LOG.warn("could not close the engine's log journal", e);
    } finally {
      current = null;
    }
  }
}
