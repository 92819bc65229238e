package io.pinflow.connectors.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The records of one kind a simulated platform keeps (orders, after-sales requests): every record
 * is in the simulator's table, and memory holds only those that changed within the memory window
 * and those read back since, so that memory stays the size of the recent traffic, not of the
 * history. A record not in memory is read back when asked for; an increment query reaching back
 * before what memory surely holds is answered from the table.
 *
 * <p>Changes go through {@link #withLock}: a record that leaves memory is marked under its lock,
 * and a change that finds it marked is made to the record read back instead.
 */
final class LiveRecords {

  private final SimulatorStore store;
  private final String kind;
  private final String keyField;
  private final Clock clock;
  private final Duration window;
  private final Map<String, SimRecord> live = new ConcurrentHashMap<>();
  private final Consumer<String> onEvicted;

  /** Memory holds every record that changed at or after this instant. */
  private volatile Instant complete;

  /**
   * @param keyField the body's field holding the record's key ({@code order_sn})
   * @param onEvicted told the key of each record that left memory, under the record's lock
   */
  LiveRecords(
      final SimulatorStore store,
      final String kind,
      final String keyField,
      final Clock clock,
      final Duration window,
      final Consumer<String> onEvicted) {
    this.store = store;
    this.kind = kind;
    this.keyField = keyField;
    this.clock = clock;
    this.window = window;
    this.onEvicted = onEvicted;
    final Instant since = clock.instant().minus(window);
    for (final JsonNode stored : store.changedSince(kind, since)) {
      final SimRecord record = SimulatorStore.platformRecord(stored);
      live.put(keyOf(record), record);
    }
    this.complete = since;
  }

  String keyOf(final SimRecord record) {
    return record.body.path(keyField).asText();
  }

  /** The record under the key, read back from the table when it is not in memory; or null. */
  SimRecord find(final String key) {
    if (key == null) {
      return null;
    }
    final SimRecord inMemory = live.get(key);
    if (inMemory != null && !inMemory.evicted) {
      return inMemory;
    }
    return live.compute(
        key, (k, current) -> current != null && !current.evicted ? current : stored(k));
  }

  /** The record as the table has it; or null. */
  private SimRecord stored(final String key) {
    return store.find(kind, key).map(SimulatorStore::platformRecord).orElse(null);
  }

  boolean contains(final String key) {
    return find(key) != null;
  }

  /**
   * Adds a new record and stores it; the one already there under its key (in memory or in the
   * table) wins and is returned.
   */
  SimRecord add(final SimRecord record) {
    return live.compute(
        keyOf(record),
        (key, current) -> {
          if (current != null && !current.evicted) {
            return current;
          }
          final SimRecord stored = stored(key);
          if (stored != null) {
            return stored;
          }
          // stored before it can be seen, so that it never leaves memory unstored
          synchronized (record) {
            save(record);
          }
          return record;
        });
  }

  /** Stores the record as it is now; call while holding its lock. */
  void save(final SimRecord record) {
    store.put(kind, keyOf(record), SimulatorStore.platformRecord(record), record.updatedAt);
  }

  /** Runs the action on the record while holding its lock: on the one in memory, read back. */
  <T> T withLock(final SimRecord record, final Function<SimRecord, T> action) {
    SimRecord current = record;
    while (true) {
      synchronized (current) {
        if (!current.evicted) {
          return action.apply(current);
        }
      }
      current = find(keyOf(current));
    }
  }

  /** Records of the shop that changed in {@code [from, to]} (epoch seconds), oldest first. */
  List<SimRecord> changedBetween(final String shopId, final long fromSecond, final long toSecond) {
    final Instant from = Instant.ofEpochSecond(fromSecond);
    final Instant to = Instant.ofEpochSecond(toSecond + 1);
    final Map<String, SimRecord> found = new LinkedHashMap<>();
    if (from.isBefore(complete)) {
      for (final JsonNode stored : store.changedBetween(kind, from, to)) {
        final SimRecord record = SimulatorStore.platformRecord(stored);
        found.put(keyOf(record), record);
      }
    }
    // memory has the latest of what it holds, and what still waits for the database
    for (final SimRecord record : live.values()) {
      if (!record.evicted) {
        found.put(keyOf(record), record);
      }
    }
    return found.values().stream()
        .filter(r -> r.shopId.equals(shopId))
        .filter(r -> !r.updatedAt.isBefore(from) && r.updatedAt.isBefore(to))
        .sorted(Comparator.comparing((SimRecord r) -> r.updatedAt).thenComparing(this::keyOf))
        .toList();
  }

  /**
   * Lets records unchanged for the memory window leave memory; none while writes wait for the
   * database, as the table does not have them yet.
   *
   * @return how many left
   */
  int evictIdle() {
    return evictIdle(window);
  }

  /** Lets records unchanged for {@code idle} leave memory; see {@link #evictIdle()}. */
  int evictIdle(final Duration idle) {
    if (store.behind()) {
      return 0;
    }
    final Instant cutoff = clock.instant().minus(idle);
    // first: from now on a query reaching before the cutoff reads the table
    if (cutoff.isAfter(complete)) {
      complete = cutoff;
    }
    int evicted = 0;
    for (final SimRecord record : live.values()) {
      if (!record.updatedAt.isBefore(cutoff)) {
        continue;
      }
      synchronized (record) {
        if (record.evicted || !record.updatedAt.isBefore(cutoff) || store.behind()) {
          continue;
        }
        record.evicted = true;
        final String key = keyOf(record);
        live.remove(key, record);
        onEvicted.accept(key);
        evicted++;
      }
    }
    return evicted;
  }

  boolean inMemory(final String key) {
    final SimRecord record = live.get(key);
    return record != null && !record.evicted;
  }
}
