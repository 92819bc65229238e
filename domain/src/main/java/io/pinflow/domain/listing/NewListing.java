package io.pinflow.domain.listing;

import io.pinflow.domain.common.ValidationException.FieldError;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A listing as submitted through the API or built from the ERP's product master. */
public record NewListing(
    String shopId,
    String outerGoodsId,
    String title,
    Long categoryId,
    List<String> images,
    List<ListingSku> skus) {

  static final int MAX_TITLE = 60;
  static final int MAX_IMAGES = 10;
  static final int MAX_SKUS = 200;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

  public NewListing {
    images = images == null ? null : List.copyOf(images);
    skus = skus == null ? null : List.copyOf(skus);
  }

  /**
   * What makes the request unusable, field by field: missing or malformed values. Business checks
   * (prices against cost, SKUs the catalogue does not know) run in the process, where a person can
   * fix them.
   */
  public List<FieldError> shapeErrors() {
    final List<FieldError> errors = new ArrayList<>();
    if (shopId == null || shopId.isBlank()) {
      errors.add(new FieldError("shopId", "required"));
    }
    if (outerGoodsId == null || !ID.matcher(outerGoodsId).matches()) {
      errors.add(new FieldError("outerGoodsId", "1-64 letters, digits or ._:/-"));
    }
    if (title == null || title.isBlank()) {
      errors.add(new FieldError("title", "required"));
    } else if (title.strip().length() > MAX_TITLE) {
      errors.add(new FieldError("title", "at most " + MAX_TITLE + " characters (PDD's limit)"));
    }
    if (categoryId == null || categoryId <= 0) {
      errors.add(new FieldError("categoryId", "required, a PDD leaf category id"));
    }
    if (images == null || images.isEmpty()) {
      errors.add(new FieldError("images", "at least one image URL"));
    } else if (images.size() > MAX_IMAGES) {
      errors.add(new FieldError("images", "at most " + MAX_IMAGES + " images"));
    } else {
      for (int i = 0; i < images.size(); i++) {
        if (!isImageUrl(images.get(i))) {
          errors.add(new FieldError("images[" + i + "]", "an absolute http(s) URL"));
        }
      }
    }
    if (skus == null || skus.isEmpty()) {
      errors.add(new FieldError("skus", "at least one SKU"));
    } else if (skus.size() > MAX_SKUS) {
      errors.add(new FieldError("skus", "at most " + MAX_SKUS + " SKUs"));
    } else {
      final Set<String> seen = new HashSet<>();
      for (int i = 0; i < skus.size(); i++) {
        final ListingSku sku = skus.get(i);
        final String path = "skus[" + i + "].";
        if (sku == null) {
          errors.add(new FieldError("skus[" + i + "]", "required"));
          continue;
        }
        if (sku.outerSkuId() == null || !ID.matcher(sku.outerSkuId()).matches()) {
          errors.add(new FieldError(path + "outerSkuId", "1-64 letters, digits or ._:/-"));
        } else if (!seen.add(sku.outerSkuId())) {
          errors.add(new FieldError(path + "outerSkuId", "listed twice"));
        }
        if (sku.spec() == null || sku.spec().isBlank() || sku.spec().length() > 200) {
          errors.add(new FieldError(path + "spec", "required, at most 200 characters"));
        }
        if (sku.priceFen() <= 0 || sku.priceFen() > 10_000_000_00L) {
          errors.add(new FieldError(path + "priceFen", "more than 0, at most 1000000000"));
        }
        if (sku.quantity() < 0 || sku.quantity() > 100_000_000) {
          errors.add(new FieldError(path + "quantity", "between 0 and 100000000"));
        }
      }
    }
    return errors;
  }

  private static boolean isImageUrl(final String value) {
    if (value == null || value.isBlank() || value.length() > 500) {
      return false;
    }
    try {
      final URI uri = URI.create(value.strip());
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (final IllegalArgumentException e) {
      return false;
    }
  }
}
