package io.pinflow.domain.jdbc;

import io.pinflow.domain.stock.Reservation;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLevel;
import io.pinflow.domain.stock.StockOwner;
import io.pinflow.domain.stock.StockRepository;
import io.pinflow.domain.stock.StockRepository.OnHandChanges;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stock ledger on InnoDB row locks: a reservation is one conditional {@code UPDATE} per SKU
 * ({@code on_hand - reserved >= quantity}), so concurrent reservations can never take available
 * stock below zero; all SKUs of an owner are reserved in one transaction or not at all.
 */
@Repository
class JdbcStockRepository implements StockRepository {

  private static final String RESERVED = "RESERVED";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;
  private final TransactionTemplate transactions;

  JdbcStockRepository(
      final JdbcClient jdbc,
      final NamedParameterJdbcTemplate template,
      final PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.template = template;
    this.transactions = new TransactionTemplate(transactions);
  }

  @Override
  public Optional<StockLevel> level(final String outerSkuId) {
    return levels(List.of(outerSkuId)).stream().findFirst();
  }

  @Override
  public List<StockLevel> levels(final Collection<String> outerSkuIds) {
    if (outerSkuIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT outer_sku_id, on_hand, reserved FROM stock WHERE outer_sku_id IN (:ids)")
        .param("ids", outerSkuIds)
        .query((rs, row) -> new StockLevel(rs.getString(1), rs.getInt(2), rs.getInt(3)))
        .list();
  }

  @Override
  public Reservation reserve(
      final StockOwner owner,
      final List<StockDemand> demands,
      final Map<String, StockOwner> pools) {
    final Reservation outcome =
        transactions.execute(
            status -> {
              final Optional<String> previous = existingStatus(owner);
              if (previous.isPresent()) {
                return RESERVED.equals(previous.get())
                    ? new Reservation.Reserved(true)
                    : new Reservation.Closed(previous.get());
              }
              final Timestamp now = Timestamp.from(Instant.now());
              // a fixed lock order keeps two owners reserving the same SKUs from deadlocking
              final List<StockDemand> sorted =
                  demands.stream().sorted(Comparator.comparing(StockDemand::outerSkuId)).toList();
              try {
                for (final StockDemand demand : sorted) {
                  insertReservation(owner, demand, now);
                }
              } catch (final DuplicateKeyException concurrentTwin) {
                status.setRollbackOnly();
                return null;
              }
              for (final StockDemand demand : sorted) {
                // units drawn from a pool are reserved already: they change owner, not stock
                final int fromPool = draw(pools.get(demand.outerSkuId()), demand);
                final int rest = demand.quantity() - fromPool;
                final int updated =
                    rest == 0
                        ? 1
                        : jdbc.sql(
                                "UPDATE stock SET reserved = reserved + :q, updated_at = :now"
                                    + " WHERE outer_sku_id = :sku AND on_hand - reserved >= :q")
                            .param("q", rest)
                            .param("now", now)
                            .param("sku", demand.outerSkuId())
                            .update();
                if (updated == 0) {
                  status.setRollbackOnly();
                  return new Reservation.Short(List.of());
                }
              }
              return new Reservation.Reserved(false);
            });
    if (outcome == null) {
      // the same owner's reservation committed meanwhile
      return reserve(owner, demands, pools);
    }
    if (outcome instanceof Reservation.Short) {
      return new Reservation.Short(shortages(demands));
    }
    return outcome;
  }

  /** Takes up to the demand out of the pool's open reservation; returns how many units. */
  private int draw(final StockOwner pool, final StockDemand demand) {
    if (pool == null) {
      return 0;
    }
    final Integer left =
        jdbc.sql(
                "SELECT quantity FROM stock_reservations WHERE owner_type = :type AND owner_id ="
                    + " :id AND outer_sku_id = :sku AND status = 'RESERVED' FOR UPDATE")
            .param("type", pool.type().name())
            .param("id", pool.id())
            .param("sku", demand.outerSkuId())
            .query(Integer.class)
            .optional()
            .orElse(0);
    final int take = Math.min(left, demand.quantity());
    if (take > 0) {
      jdbc.sql(
              "UPDATE stock_reservations SET quantity = quantity - :q WHERE owner_type = :type"
                  + " AND owner_id = :id AND outer_sku_id = :sku")
          .param("q", take)
          .param("type", pool.type().name())
          .param("id", pool.id())
          .param("sku", demand.outerSkuId())
          .update();
    }
    return take;
  }

  @Override
  public Map<String, Integer> held(final StockOwner owner) {
    return jdbc
        .sql(
            "SELECT outer_sku_id, quantity FROM stock_reservations WHERE owner_type = :type AND"
                + " owner_id = :id AND status = 'RESERVED'")
        .param("type", owner.type().name())
        .param("id", owner.id())
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Optional<String> existingStatus(final StockOwner owner) {
    return jdbc.sql(
            "SELECT status FROM stock_reservations WHERE owner_type = :type AND owner_id = :id"
                + " LIMIT 1")
        .param("type", owner.type().name())
        .param("id", owner.id())
        .query(String.class)
        .optional();
  }

  private void insertReservation(
      final StockOwner owner, final StockDemand demand, final Timestamp now) {
    jdbc.sql(
            "INSERT INTO stock_reservations (owner_type, owner_id, outer_sku_id, quantity, status,"
                + " created_at) VALUES (:type, :id, :sku, :q, 'RESERVED', :now)")
        .param("type", owner.type().name())
        .param("id", owner.id())
        .param("sku", demand.outerSkuId())
        .param("q", demand.quantity())
        .param("now", now)
        .update();
  }

  private List<Reservation.Shortage> shortages(final List<StockDemand> demands) {
    final Map<String, StockLevel> levels =
        levels(demands.stream().map(StockDemand::outerSkuId).toList()).stream()
            .collect(Collectors.toMap(StockLevel::outerSkuId, Function.identity()));
    final List<Reservation.Shortage> shortages = new ArrayList<>();
    for (final StockDemand demand : demands) {
      final StockLevel level = levels.get(demand.outerSkuId());
      final int available = level == null ? 0 : level.available();
      if (available < demand.quantity()) {
        shortages.add(new Reservation.Shortage(demand.outerSkuId(), demand.quantity(), available));
      }
    }
    return shortages;
  }

  @Override
  @Transactional
  public List<String> release(final StockOwner owner) {
    return close(owner, "RELEASED", "s.reserved = s.reserved - r.quantity");
  }

  @Override
  @Transactional
  public List<String> consume(final StockOwner owner) {
    return close(
        owner,
        "CONSUMED",
        "s.reserved = s.reserved - r.quantity, s.on_hand = GREATEST(s.on_hand - r.quantity, 0)");
  }

  private List<String> close(
      final StockOwner owner, final String closedStatus, final String stockChange) {
    final List<String> skus =
        jdbc.sql(
                "SELECT outer_sku_id FROM stock_reservations WHERE owner_type = :type AND owner_id"
                    + " = :id AND status = 'RESERVED' ORDER BY outer_sku_id FOR UPDATE")
            .param("type", owner.type().name())
            .param("id", owner.id())
            .query(String.class)
            .list();
    if (skus.isEmpty()) {
      return skus;
    }
    final Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql(
            "UPDATE stock s JOIN stock_reservations r ON r.outer_sku_id = s.outer_sku_id SET "
                + stockChange
                + ", s.updated_at = :now WHERE r.owner_type = :type AND r.owner_id = :id"
                + " AND r.status = 'RESERVED'")
        .param("now", now)
        .param("type", owner.type().name())
        .param("id", owner.id())
        .update();
    jdbc.sql(
            "UPDATE stock_reservations SET status = :status, closed_at = :now WHERE owner_type ="
                + " :type AND owner_id = :id AND status = 'RESERVED'")
        .param("status", closedStatus)
        .param("now", now)
        .param("type", owner.type().name())
        .param("id", owner.id())
        .update();
    return skus;
  }

  @Override
  @Transactional
  public OnHandChanges setOnHand(final List<StockDemand> quantities) {
    final Timestamp now = Timestamp.from(Instant.now());
    final List<String> increased = new ArrayList<>();
    final List<String> decreased = new ArrayList<>();
    for (int from = 0; from < quantities.size(); from += 500) {
      final List<StockDemand> chunk =
          quantities.subList(from, Math.min(quantities.size(), from + 500));
      // lock the rows first: concurrent reservations see the count before or after, never between
      final Map<String, Integer> before =
          jdbc
              .sql(
                  "SELECT outer_sku_id, on_hand FROM stock WHERE outer_sku_id IN (:skus) FOR UPDATE")
              .param("skus", chunk.stream().map(StockDemand::outerSkuId).toList())
              .query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      final List<StockDemand> changed = new ArrayList<>();
      for (final StockDemand quantity : chunk) {
        final Integer old = before.get(quantity.outerSkuId());
        if (old == null || old != quantity.quantity()) {
          changed.add(quantity);
          (old == null || quantity.quantity() > old ? increased : decreased)
              .add(quantity.outerSkuId());
        }
      }
      if (!changed.isEmpty()) {
        template.batchUpdate(
            "INSERT INTO stock (outer_sku_id, on_hand, reserved, updated_at) VALUES (:sku, :q, 0,"
                + " :now) ON DUPLICATE KEY UPDATE on_hand = VALUES(on_hand), updated_at ="
                + " VALUES(updated_at)",
            changed.stream()
                .map(
                    q ->
                        new MapSqlParameterSource()
                            .addValue("sku", q.outerSkuId())
                            .addValue("q", q.quantity())
                            .addValue("now", now))
                .toArray(MapSqlParameterSource[]::new));
      }
    }
    return new OnHandChanges(increased, decreased);
  }

  @Override
  @Transactional
  public void restock(final String outerSkuId, final int quantity) {
    jdbc.sql("UPDATE stock SET on_hand = on_hand + :q, updated_at = :now WHERE outer_sku_id = :sku")
        .param("q", quantity)
        .param("now", Timestamp.from(Instant.now()))
        .param("sku", outerSkuId)
        .update();
  }
}
