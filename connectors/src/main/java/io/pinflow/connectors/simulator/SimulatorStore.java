package io.pinflow.connectors.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where the simulated systems keep their state ({@code simulator_records}): they stand in for PDD
 * and a WMS, which keep what they were told when Pinflow restarts, or stops without warning. Each
 * change is written before the simulator answers, so what a caller was told survives; records are
 * JSON, by kind and key.
 */
@Component
@ConditionalOnSimulators
public class SimulatorStore {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorStore.class);
  static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final JdbcClient jdbc;
  private final Map<RecordKey, Optional<Written>> unwritten = new LinkedHashMap<>();
  private volatile boolean behind;

  public SimulatorStore(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the record under its kind and key, replacing what was there. */
  public void put(final String kind, final String key, final Object body) {
    put(kind, key, body, Instant.now());
  }

  /**
   * Stores the record with the instant it changed, which {@link #changedBetween} and {@link
   * #changedSince} look for (a platform record's own update time).
   */
  public void put(final String kind, final String key, final Object body, final Instant changed) {
    final String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException("simulator record " + kind + "/" + key, e);
    }
    write(new RecordKey(kind, key), Optional.of(new Written(json, changed)));
  }

  public void remove(final String kind, final String key) {
    write(new RecordKey(kind, key), Optional.empty());
  }

  /** Whether writes wait in memory for the database. */
  public boolean behind() {
    return behind;
  }

  /**
   * Writes at once; while the database cannot be reached (it is Pinflow's, and the systems the
   * simulators stand in for would not go down with it) the write waits in memory, later writes of
   * the same record replacing it, and goes out in order once the database is back.
   */
  private void write(final RecordKey key, final Optional<Written> json) {
    if (!behind) {
      try {
        store(key, json);
        return;
      } catch (final DataAccessException e) {
        LOG.warn("Simulator state kept in memory until the database is back: {}", e.getMessage());
      }
    }
    synchronized (unwritten) {
      unwritten.remove(key);
      unwritten.put(key, json);
      behind = true;
    }
  }

  /** Writes what waited for the database, oldest first; stops at the first that still fails. */
  @Scheduled(fixedDelayString = "${pinflow.simulator.store-retry:PT2S}")
  void flush() {
    synchronized (unwritten) {
      final var pending = unwritten.entrySet().iterator();
      while (pending.hasNext()) {
        final var entry = pending.next();
        try {
          store(entry.getKey(), entry.getValue());
        } catch (final DataAccessException e) {
          return;
        }
        pending.remove();
      }
      behind = false;
    }
  }

  private void store(final RecordKey key, final Optional<Written> json) {
    if (json.isEmpty()) {
      jdbc.sql("DELETE FROM simulator_records WHERE kind = :kind AND record_key = :key")
          .param("kind", key.kind())
          .param("key", key.key())
          .update();
      return;
    }
    jdbc.sql(
            "INSERT INTO simulator_records (kind, record_key, body, updated_at) VALUES (:kind,"
                + " :key, :body, :at) ON DUPLICATE KEY UPDATE body = VALUES(body), updated_at ="
                + " VALUES(updated_at)")
        .param("kind", key.kind())
        .param("key", key.key())
        .param("body", json.get().json())
        .param("at", Timestamp.from(json.get().changed()))
        .update();
  }

  private record RecordKey(String kind, String key) {}

  private record Written(String json, Instant changed) {}

  /** The record of the kind under the key, the one still waiting for the database first. */
  public Optional<JsonNode> find(final String kind, final String key) {
    synchronized (unwritten) {
      final Optional<Written> waiting = unwritten.get(new RecordKey(kind, key));
      if (waiting != null) {
        return waiting.map(written -> parse(kind, key, written.json()));
      }
    }
    return jdbc.sql("SELECT body FROM simulator_records WHERE kind = :kind AND record_key = :key")
        .param("kind", kind)
        .param("key", key)
        .query(String.class)
        .optional()
        .map(body -> parse(kind, key, body));
  }

  /** Records of the kind that changed in {@code [from, to)}, oldest first. */
  public List<JsonNode> changedBetween(final String kind, final Instant from, final Instant to) {
    return select(
        "kind = :kind AND updated_at >= :from AND updated_at < :to",
        Map.of("kind", kind, "from", Timestamp.from(from), "to", Timestamp.from(to)));
  }

  /** Records of the kind that changed at or after {@code from}, oldest first. */
  public List<JsonNode> changedSince(final String kind, final Instant from) {
    return select(
        "kind = :kind AND updated_at >= :from", Map.of("kind", kind, "from", Timestamp.from(from)));
  }

  /** Records of the kind whose JSON has {@code value} at {@code path} ({@code $.status}). */
  public List<JsonNode> withValue(final String kind, final String path, final String value) {
    return select(
        "kind = :kind AND JSON_VALUE(body, :path) = :value",
        Map.of("kind", kind, "path", path, "value", value));
  }

  /** Records of the kind whose key starts with {@code prefix} and whose JSON has the value. */
  public List<JsonNode> withValue(
      final String kind, final String keyPrefix, final String path, final String value) {
    return select(
        "kind = :kind AND record_key LIKE :prefix AND JSON_VALUE(body, :path) = :value",
        Map.of(
            "kind",
            kind,
            "prefix",
            keyPrefix.replace("%", "\\%").replace("_", "\\_") + "%",
            "path",
            path,
            "value",
            value));
  }

  private List<JsonNode> select(final String condition, final Map<String, Object> params) {
    final List<JsonNode> records = new ArrayList<>();
    jdbc.sql(
            "SELECT kind, record_key, body FROM simulator_records WHERE "
                + condition
                + " ORDER BY updated_at, record_key")
        .params(params)
        .query(
            rs -> {
              final JsonNode node = parse(rs.getString(1), rs.getString(2), rs.getString(3));
              if (node != null) {
                records.add(node);
              }
            });
    return records;
  }

  private static JsonNode parse(final String kind, final String key, final String body) {
    try {
      return JSON.readTree(body);
    } catch (final JsonProcessingException e) {
      LOG.warn("Simulator record {}/{} unreadable, skipped", kind, key);
      return null;
    }
  }

  /** Every record of the kind, in the order they were last written. */
  public List<JsonNode> all(final String kind) {
    return select("kind = :kind", Map.of("kind", kind));
  }

  /** Every record of the kind, read as {@code type}. */
  public <T> List<T> all(final String kind, final Class<T> type) {
    return all(kind).stream().map(node -> JSON.convertValue(node, type)).toList();
  }

  /** A record of the platform (order, after-sales request): its shop, body and last change. */
  static ObjectNode platformRecord(final SimRecord record) {
    final ObjectNode node = JSON.createObjectNode();
    node.put("shopId", record.shopId);
    node.put("updatedAt", record.updatedAt.toString());
    node.set("body", record.body);
    return node;
  }

  static SimRecord platformRecord(final JsonNode node) {
    return new SimRecord(
        node.path("shopId").asText(),
        (ObjectNode) node.path("body"),
        Instant.parse(node.path("updatedAt").asText()));
  }
}
