package io.pinflow.domain.campaign;

import io.pinflow.domain.common.ValidationException.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A campaign as planned by ops: shop, name, times and the SKUs with their activity price. */
public record NewCampaign(
    String shopId, String name, Instant startTime, Instant endTime, List<Item> items) {

  /** A SKU of the plan; {@code perBuyerLimit} 0 means no limit. */
  public record Item(
      String outerSkuId, Long activityPriceFen, Integer quantity, Integer perBuyerLimit) {

    public Item {
      perBuyerLimit = perBuyerLimit == null ? 0 : perBuyerLimit;
    }
  }

  static final int MAX_NAME = 100;
  static final int MAX_ITEMS = 100;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

  public NewCampaign {
    items = items == null ? null : List.copyOf(items);
  }

  /**
   * What makes the plan unusable, field by field. Business checks (cost, stock, overlaps, listing)
   * run in the process, where the submitter can revise the plan.
   */
  public List<FieldError> shapeErrors(final Instant now, final Duration longest) {
    final List<FieldError> errors = new ArrayList<>();
    if (shopId == null || shopId.isBlank()) {
      errors.add(new FieldError("shopId", "required"));
    }
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("name", "required"));
    } else if (name.strip().length() > MAX_NAME) {
      errors.add(new FieldError("name", "at most " + MAX_NAME + " characters"));
    }
    if (startTime == null) {
      errors.add(new FieldError("startTime", "required, ISO-8601 with offset"));
    } else if (startTime.isBefore(now)) {
      errors.add(new FieldError("startTime", "must not be in the past"));
    }
    if (endTime == null) {
      errors.add(new FieldError("endTime", "required, ISO-8601 with offset"));
    } else if (startTime != null && !endTime.isAfter(startTime)) {
      errors.add(new FieldError("endTime", "must be after startTime"));
    } else if (startTime != null && Duration.between(startTime, endTime).compareTo(longest) > 0) {
      errors.add(
          new FieldError("endTime", "a campaign runs at most " + longest.toDays() + " days"));
    }
    if (items == null || items.isEmpty()) {
      errors.add(new FieldError("items", "at least one SKU"));
      return errors;
    }
    if (items.size() > MAX_ITEMS) {
      errors.add(new FieldError("items", "at most " + MAX_ITEMS + " SKUs"));
      return errors;
    }
    final Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      final Item item = items.get(i);
      final String path = "items[" + i + "].";
      if (item == null) {
        errors.add(new FieldError("items[" + i + "]", "required"));
        continue;
      }
      if (item.outerSkuId() == null || !ID.matcher(item.outerSkuId()).matches()) {
        errors.add(new FieldError(path + "outerSkuId", "1-64 letters, digits or ._:/-"));
      } else if (!seen.add(item.outerSkuId())) {
        errors.add(new FieldError(path + "outerSkuId", "listed twice"));
      }
      if (item.activityPriceFen() == null
          || item.activityPriceFen() <= 0
          || item.activityPriceFen() > 1_000_000_000L) {
        errors.add(new FieldError(path + "activityPriceFen", "more than 0, at most 1000000000"));
      }
      if (item.quantity() == null || item.quantity() <= 0 || item.quantity() > 1_000_000) {
        errors.add(new FieldError(path + "quantity", "between 1 and 1000000"));
      }
      if (item.perBuyerLimit() < 0 || item.perBuyerLimit() > 1_000) {
        errors.add(new FieldError(path + "perBuyerLimit", "between 0 (no limit) and 1000"));
      }
    }
    return errors;
  }
}
