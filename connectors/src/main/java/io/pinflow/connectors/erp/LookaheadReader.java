package io.pinflow.connectors.erp;

import io.pinflow.domain.erp.SourceRecord;
import java.util.NoSuchElementException;

/** The iterator side of a record reader: reads one record ahead, null meaning the end. */
abstract class LookaheadReader implements RecordReader {

  private SourceRecord next;
  private boolean done;

  /** The next record of the file, or null at its end. */
  protected abstract SourceRecord read();

  @Override
  public final boolean hasNext() {
    if (next == null && !done) {
      next = read();
      done = next == null;
    }
    return next != null;
  }

  @Override
  public final SourceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    final SourceRecord record = next;
    next = null;
    return record;
  }
}
