package io.pinflow.domain.jdbc;

import io.pinflow.domain.common.Page;
import io.pinflow.domain.listing.Listing;
import io.pinflow.domain.listing.ListingQuery;
import io.pinflow.domain.listing.ListingRepository;
import io.pinflow.domain.listing.ListingSku;
import io.pinflow.domain.listing.ListingStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcListingRepository implements ListingRepository {

  private static final String COLUMNS =
      "listing_id, shop_id, outer_goods_id, title, category_id, images, status, source,"
          + " submitted_by, problems, review_decision, review_rule, goods_id, goods_commit_id,"
          + " publish_started_at, submissions, platform_reject_reason, closed_reason,"
          + " delist_requested_at, created_at, listed_at, closed_at, updated_at";
  private static final String FILTER =
      " FROM listings WHERE (:all OR shop_id IN (:shops)) AND (:shop IS NULL OR shop_id = :shop)"
          + " AND (:goods IS NULL OR outer_goods_id = :goods) AND (:status IS NULL OR status ="
          + " :status)";

  /** Lines of a TEXT column: image URLs and problems never hold a line break. */
  private static final String LINES = "\n";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;

  JdbcListingRepository(final JdbcClient jdbc, final NamedParameterJdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  @Override
  @Transactional
  public boolean insert(final Listing listing) {
    try {
      jdbc.sql(
              "INSERT INTO listings (listing_id, shop_id, outer_goods_id, title, category_id,"
                  + " images, status, source, submitted_by, active_key, created_at, updated_at)"
                  + " VALUES (:id, :shop, :goods, :title, :category, :images, :status, :source,"
                  + " :by, :active, :at, :at)")
          .param("id", listing.listingId())
          .param("shop", listing.shopId())
          .param("goods", listing.outerGoodsId())
          .param("title", listing.title())
          .param("category", listing.categoryId())
          .param("images", String.join(LINES, listing.images()))
          .param("status", listing.status().name())
          .param("source", listing.source())
          .param("by", listing.submittedBy())
          .param("active", listing.shopId() + ":" + listing.outerGoodsId())
          .param("at", Sql.timestamp(listing.createdAt()))
          .update();
    } catch (final DuplicateKeyException activeAlready) {
      return false;
    }
    insertSkus(listing.listingId(), listing.skus());
    return true;
  }

  private void insertSkus(final String listingId, final List<ListingSku> skus) {
    final List<MapSqlParameterSource> rows = new ArrayList<>();
    for (int i = 0; i < skus.size(); i++) {
      final ListingSku sku = skus.get(i);
      rows.add(
          new MapSqlParameterSource()
              .addValue("id", listingId)
              .addValue("sku", sku.outerSkuId())
              .addValue("spec", sku.spec())
              .addValue("price", sku.priceFen())
              .addValue("quantity", sku.quantity())
              .addValue("position", i));
    }
    template.batchUpdate(
        "INSERT INTO listing_skus (listing_id, outer_sku_id, spec, price_fen, quantity, position)"
            + " VALUES (:id, :sku, :spec, :price, :quantity, :position)",
        rows.toArray(MapSqlParameterSource[]::new));
  }

  @Override
  public Optional<Listing> find(final String listingId) {
    return one("SELECT " + COLUMNS + " FROM listings WHERE listing_id = :id", "id", listingId);
  }

  @Override
  public Optional<Listing> findActive(final String shopId, final String outerGoodsId) {
    return one(
        "SELECT " + COLUMNS + " FROM listings WHERE active_key = :key",
        "key",
        shopId + ":" + outerGoodsId);
  }

  private Optional<Listing> one(final String sql, final String param, final String value) {
    return jdbc.sql(sql)
        .param(param, value)
        .query(JdbcListingRepository::map)
        .optional()
        .map(listing -> withSkus(List.of(listing)).getFirst());
  }

  @Override
  public List<String> unfinished() {
    return jdbc.sql(
            "SELECT listing_id FROM listings WHERE status NOT IN ('REJECTED', 'WITHDRAWN',"
                + " 'DELISTED') ORDER BY created_at, listing_id")
        .query(String.class)
        .list();
  }

  @Override
  public Page<Listing> list(final ListingQuery query) {
    if (query.scope().isEmpty()) {
      return new Page<>(List.of(), query.page().page(), query.page().size(), 0);
    }
    final Page<Listing> page =
        Sql.page(
            jdbc,
            COLUMNS,
            FILTER,
            "created_at DESC, listing_id DESC",
            Sql.params(
                "all", query.scope().all(),
                "shops", Sql.inList(query.scope().shops()),
                "shop", query.shopId(),
                "goods", query.outerGoodsId(),
                "status", query.status() == null ? null : query.status().name()),
            query.page(),
            JdbcListingRepository::map);
    return new Page<>(withSkus(page.items()), page.page(), page.size(), page.total());
  }

  private List<Listing> withSkus(final List<Listing> listings) {
    if (listings.isEmpty()) {
      return listings;
    }
    final Map<String, List<ListingSku>> skus =
        jdbc
            .sql(
                "SELECT listing_id, outer_sku_id, spec, price_fen, quantity FROM listing_skus"
                    + " WHERE listing_id IN (:ids) ORDER BY listing_id, position")
            .param("ids", listings.stream().map(Listing::listingId).toList())
            .query(
                (rs, row) ->
                    Map.entry(
                        rs.getString("listing_id"),
                        new ListingSku(
                            rs.getString("outer_sku_id"),
                            rs.getString("spec"),
                            rs.getLong("price_fen"),
                            rs.getInt("quantity"))))
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return listings.stream()
        .map(l -> l.withSkus(skus.getOrDefault(l.listingId(), List.of())))
        .toList();
  }

  @Override
  public boolean moveTo(
      final String listingId,
      final List<ListingStatus> from,
      final ListingStatus to,
      final Instant at) {
    return jdbc.sql(
                "UPDATE listings SET status = :to, updated_at = :at, version = version + 1 WHERE"
                    + " listing_id = :id AND status IN (:from)")
            .param("to", to.name())
            .param("at", Sql.timestamp(at))
            .param("id", listingId)
            .param("from", names(from))
            .update()
        == 1;
  }

  @Override
  public void recordProblems(
      final String listingId, final List<String> problems, final Instant at) {
    update(
        "problems = :problems",
        listingId,
        at,
        Map.of(
            "problems",
            String.join(LINES, problems.stream().map(p -> p.replace('\n', ' ')).toList())));
  }

  @Override
  public void recordDecision(
      final String listingId, final String decision, final String rule, final Instant at) {
    update(
        "review_decision = :decision, review_rule = :rule",
        listingId,
        at,
        Sql.params("decision", decision, "rule", rule));
  }

  @Override
  @Transactional
  public void replaceContent(
      final String listingId,
      final String title,
      final long categoryId,
      final List<String> images,
      final List<ListingSku> skus,
      final Instant at) {
    update(
        "title = :title, category_id = :category, images = :images",
        listingId,
        at,
        Map.of("title", title, "category", categoryId, "images", String.join(LINES, images)));
    jdbc.sql("DELETE FROM listing_skus WHERE listing_id = :id").param("id", listingId).update();
    insertSkus(listingId, skus);
  }

  @Override
  public boolean markPublishStarted(final String listingId, final Instant at) {
    return jdbc.sql(
                "UPDATE listings SET publish_started_at = :at, updated_at = :at WHERE listing_id ="
                    + " :id AND publish_started_at IS NULL")
            .param("at", Sql.timestamp(at))
            .param("id", listingId)
            .update()
        == 1;
  }

  @Override
  public void recordPublished(
      final String listingId, final long goodsId, final long goodsCommitId, final Instant at) {
    // the next publication (after a fix) starts afresh; goods_id stays to update the same goods
    update(
        "goods_id = :goods, goods_commit_id = :commit, publish_started_at = NULL, submissions ="
            + " submissions + 1",
        listingId,
        at,
        Map.of("goods", goodsId, "commit", goodsCommitId));
  }

  @Override
  public void recordPlatformRejection(
      final String listingId, final String reason, final Instant at) {
    update("platform_reject_reason = :reason", listingId, at, Map.of("reason", reason));
  }

  @Override
  public void markListed(final String listingId, final Instant at) {
    update("listed_at = :listed", listingId, at, Map.of("listed", Sql.timestamp(at)));
  }

  @Override
  public boolean close(
      final String listingId, final ListingStatus status, final String reason, final Instant at) {
    return jdbc.sql(
                "UPDATE listings SET status = :status, closed_reason = :reason, closed_at = :at,"
                    + " active_key = NULL, updated_at = :at, version = version + 1 WHERE"
                    + " listing_id = :id AND active_key IS NOT NULL")
            .param("status", status.name())
            .param("reason", reason.length() > 500 ? reason.substring(0, 500) : reason)
            .param("at", Sql.timestamp(at))
            .param("id", listingId)
            .update()
        == 1;
  }

  @Override
  public boolean markDelistRequested(final String listingId, final Instant at) {
    return jdbc.sql(
                "UPDATE listings SET delist_requested_at = :at, updated_at = :at WHERE listing_id"
                    + " = :id AND delist_requested_at IS NULL")
            .param("at", Sql.timestamp(at))
            .param("id", listingId)
            .update()
        == 1;
  }

  private void update(
      final String set, final String listingId, final Instant at, final Map<String, ?> params) {
    jdbc.sql(
            "UPDATE listings SET "
                + set
                + ", updated_at = :at, version = version + 1 WHERE listing_id = :id")
        .params(params)
        .param("at", Sql.timestamp(at))
        .param("id", listingId)
        .update();
  }

  private static List<String> names(final Collection<ListingStatus> statuses) {
    return statuses.stream().map(Enum::name).toList();
  }

  private static List<String> lines(final String column) {
    return column == null || column.isBlank() ? List.of() : List.of(column.split(LINES));
  }

  private static Listing map(final ResultSet rs, final int row) throws SQLException {
    return new Listing(
        rs.getString("listing_id"),
        rs.getString("shop_id"),
        rs.getString("outer_goods_id"),
        rs.getString("title"),
        rs.getLong("category_id"),
        lines(rs.getString("images")),
        List.of(),
        ListingStatus.valueOf(rs.getString("status")),
        rs.getString("source"),
        rs.getString("submitted_by"),
        lines(rs.getString("problems")),
        rs.getString("review_decision"),
        rs.getString("review_rule"),
        Sql.nullableLong(rs, "goods_id"),
        Sql.nullableLong(rs, "goods_commit_id"),
        Sql.instant(rs, "publish_started_at"),
        rs.getInt("submissions"),
        rs.getString("platform_reject_reason"),
        rs.getString("closed_reason"),
        Sql.instant(rs, "delist_requested_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "listed_at"),
        Sql.instant(rs, "closed_at"),
        Sql.instant(rs, "updated_at"));
  }
}
