package io.pinflow.domain.catalog;

import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The SKUs Pinflow knows, as the ERP masters them. */
public class Catalog {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

  private final SkuRepository skus;
  private final Clock clock;

  public Catalog(final SkuRepository skus, final Clock clock) {
    this.skus = skus;
    this.clock = clock;
  }

  /**
   * A product master record: one SKU of one product, with the product's images and, when the ERP
   * wants it on sale, the shop to list it on.
   */
  public record SkuRecord(
      String outerGoodsId,
      String outerSkuId,
      String title,
      Long categoryId,
      String spec,
      Long costFen,
      Long priceFen,
      List<String> images,
      String listOnShop) {

    public SkuRecord(
        final String outerGoodsId,
        final String outerSkuId,
        final String title,
        final Long categoryId,
        final String spec,
        final Long costFen,
        final Long priceFen) {
      this(outerGoodsId, outerSkuId, title, categoryId, spec, costFen, priceFen, null, null);
    }
  }

  /** The problems of one record; empty when it is valid. */
  public static List<FieldError> check(final SkuRecord record, final String path) {
    final List<FieldError> errors = new ArrayList<>();
    if (record.outerSkuId() == null || !ID.matcher(record.outerSkuId()).matches()) {
      errors.add(new FieldError(path + "outerSkuId", "1-64 letters, digits or ._:/-"));
    }
    if (record.outerGoodsId() == null || !ID.matcher(record.outerGoodsId()).matches()) {
      errors.add(new FieldError(path + "outerGoodsId", "1-64 letters, digits or ._:/-"));
    }
    if (record.title() == null || record.title().isBlank() || record.title().length() > 200) {
      errors.add(new FieldError(path + "title", "required, at most 200 characters"));
    }
    if (record.spec() != null && record.spec().length() > 200) {
      errors.add(new FieldError(path + "spec", "at most 200 characters"));
    }
    if (record.categoryId() != null && record.categoryId() <= 0) {
      errors.add(new FieldError(path + "categoryId", "a positive category id"));
    }
    if (record.costFen() != null && (record.costFen() < 0 || record.costFen() > 10_000_000_000L)) {
      errors.add(new FieldError(path + "costFen", "between 0 and 10000000000"));
    }
    if (record.priceFen() != null
        && (record.priceFen() < 0 || record.priceFen() > 10_000_000_000L)) {
      errors.add(new FieldError(path + "priceFen", "between 0 and 10000000000"));
    }
    if (record.images() != null) {
      if (record.images().size() > 10) {
        errors.add(new FieldError(path + "images", "at most 10 image URLs"));
      }
      for (final String image : record.images()) {
        if (image == null || !image.matches("https?://[^\\s|]{1,490}")) {
          errors.add(new FieldError(path + "images", "absolute http(s) URLs, got " + image));
          break;
        }
      }
    }
    if (record.listOnShop() != null && !ID.matcher(record.listOnShop()).matches()) {
      errors.add(new FieldError(path + "listOnShop", "a shop id, or empty"));
    }
    return errors;
  }

  /** Upserts the records, all or none; throws with every record's errors. */
  @Transactional
  public int upsert(final List<SkuRecord> records) {
    final List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      errors.addAll(check(records.get(i), "items[" + i + "]."));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    final var now = clock.instant();
    skus.upsert(
        records.stream()
            .map(
                r ->
                    new Sku(
                        r.outerSkuId(),
                        r.outerGoodsId(),
                        r.title().strip(),
                        r.categoryId(),
                        r.spec(),
                        r.costFen(),
                        r.priceFen(),
                        r.images(),
                        r.listOnShop(),
                        now))
            .toList());
    return records.size();
  }

  public Sku find(final String outerSkuId) {
    return skus.find(outerSkuId).orElseThrow(() -> new NotFoundException("SKU", outerSkuId));
  }
}
