package io.pinflow.embedded.engine;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The engine's log in memory, in blocks as the engine appends them, which can be cut below a
 * position once every reader is past it: the engine's state holds what it processed, so a block no
 * reader will read again is dropped and the log stays as long as the backlog, not the history.
 *
 * <p>With a {@link LogJournal} every block is also written to disk before the engine goes on, and
 * the blocks the journal holds are read back when the storage is made: a restarted engine finds the
 * log its state has not taken in yet.
 */
public final class CompactingLogStorage implements LogStorage, AutoCloseable {

  /** A block of records: its highest position and its bytes. */
  private record Block(long highestPosition, ByteBuffer bytes) {}

  /** Blocks by their lowest position. */
  private final ConcurrentSkipListMap<Long, Block> blocks = new ConcurrentSkipListMap<>();

  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong retainedBytes = new AtomicLong();
  private final LogJournal journal;

  /** A log in memory only. */
  public CompactingLogStorage() {
    this.journal = null;
  }

  /** A log in memory and in {@code journal}, starting with the blocks the journal holds. */
  CompactingLogStorage(final LogJournal journal) {
    this.journal = journal;
    for (final LogJournal.Block block : journal.takeRecovered()) {
      blocks.put(block.lowestPosition(), new Block(block.highestPosition(), block.bytes()));
      retainedBytes.addAndGet(block.bytes().capacity());
    }
  }

  @Override
  public LogStorageReader newReader() {
    return new Reader();
  }

  @Override
  public void append(
      final long lowestPosition,
      final long highestPosition,
      final BufferWriter writer,
      final AppendListener listener) {
    final ByteBuffer bytes = ByteBuffer.allocate(writer.getLength());
    writer.write(new UnsafeBuffer(bytes), 0);
    append(lowestPosition, highestPosition, bytes, listener);
  }

  @Override
  public void append(
      final long lowestPosition,
      final long highestPosition,
      final ByteBuffer bytes,
      final AppendListener listener) {
    if (journal != null) {
      journal.append(lowestPosition, highestPosition, bytes);
    }
    blocks.put(lowestPosition, new Block(highestPosition, bytes));
    retainedBytes.addAndGet(bytes.capacity());
    final long index = appended.incrementAndGet();
    listener.onWrite(index, highestPosition);
    listener.onCommit(index, highestPosition);
    commitListeners.forEach(CommitListener::onCommit);
  }

  @Override
  public void addCommitListener(final CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void removeCommitListener(final CommitListener listener) {
    commitListeners.remove(listener);
  }

  /**
   * Drops every block whose records all lie below {@code position}; the newest block always stays,
   * so that a reader seeking to the end finds it.
   *
   * @return the number of blocks dropped
   */
  public int compactBelow(final long position) {
    int dropped = 0;
    Map.Entry<Long, Block> first;
    while ((first = blocks.firstEntry()) != null
        && first.getValue().highestPosition() < position
        && !first.getKey().equals(blocks.lastKey())) {
      if (blocks.remove(first.getKey(), first.getValue())) {
        retainedBytes.addAndGet(-first.getValue().bytes().capacity());
        dropped++;
      }
    }
    if (journal != null) {
      journal.deleteBelow(position);
    }
    return dropped;
  }

  /** The lowest position the log still holds, or -1 when it is empty. */
  long firstPosition() {
    final Map.Entry<Long, Block> first = blocks.firstEntry();
    return first == null ? -1 : first.getKey();
  }

  /** The highest position written, or -1 when the log is empty. */
  long lastPosition() {
    final Map.Entry<Long, Block> last = blocks.lastEntry();
    return last == null ? -1 : last.getValue().highestPosition();
  }

  @Override
  public void close() {
    if (journal != null) {
      journal.close();
    }
  }

  /** Blocks kept now. */
  public int blocks() {
    return blocks.size();
  }

  /** Bytes of the blocks kept now. */
  public long retainedBytes() {
    return retainedBytes.get();
  }

  /** Reads blocks in position order, from the block that holds the position sought. */
  private final class Reader implements LogStorageReader {

    /** The lowest position of the next block to read. */
    private long next = Long.MIN_VALUE;

    @Override
    public void seek(final long position) {
      final Long holding = blocks.floorKey(position);
      next = holding == null ? Long.MIN_VALUE : holding;
    }

    @Override
    public boolean hasNext() {
      return blocks.ceilingKey(next) != null;
    }

    @Override
    public DirectBuffer next() {
      final Map.Entry<Long, Block> entry = blocks.ceilingEntry(next);
      if (entry == null) {
        throw new java.util.NoSuchElementException();
      }
      next = entry.getKey() + 1;
      return new UnsafeBuffer(entry.getValue().bytes());
    }

    @Override
    public void close() {
      // nothing held
    }
  }
}
