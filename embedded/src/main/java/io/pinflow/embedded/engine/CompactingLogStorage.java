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
 */
public final class CompactingLogStorage implements LogStorage {

  /** A block of records: its highest position and its bytes. */
  private record Block(long highestPosition, ByteBuffer bytes) {}

  /** Blocks by their lowest position. */
  private final ConcurrentSkipListMap<Long, Block> blocks = new ConcurrentSkipListMap<>();

  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong retainedBytes = new AtomicLong();

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
    return dropped;
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
