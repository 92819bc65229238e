package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.domain.aftersales.AfterSalesType;
import io.pinflow.domain.aftersales.NewAfterSales;
import io.pinflow.domain.common.ValidationException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Reads PDD's after-sales records ({@code pdd.refund.information.get}). */
public final class PddAfterSalesRecords {

  /** after_sales_status: 2 refund requested, 3 return requested (both await the merchant). */
  static final Set<Integer> AWAITING_MERCHANT = Set.of(2, 3, 14);

  /** after_sales_status 11: the buyer withdrew the request. */
  static final int WITHDRAWN = 11;

  /**
   * The buyer's reasons as PDD's buyers write them, mapped to the codes the decision table uses.
   */
  private static final Map<String, String> REASONS =
      Map.of(
          "质量问题", "QUALITY",
          "发错货", "WRONG_ITEM",
          "少件", "MISSING_PARTS",
          "漏发", "MISSING_PARTS",
          "破损", "DAMAGED_IN_TRANSIT",
          "与描述不符", "NOT_AS_DESCRIBED",
          "不想要", "CHANGED_MIND",
          "不喜欢", "CHANGED_MIND",
          "拍错", "CHANGED_MIND");

  private static final Set<String> CODES =
      Set.of(
          "QUALITY",
          "WRONG_ITEM",
          "MISSING_PARTS",
          "DAMAGED_IN_TRANSIT",
          "NOT_AS_DESCRIBED",
          "CHANGED_MIND",
          "OTHER");

  private PddAfterSalesRecords() {}

  public static NewAfterSales toNewAfterSales(final String shopId, final JsonNode record) {
    final int typeCode = record.path("after_sales_type").asInt(0);
    final String type =
        AfterSalesType.ofPlatformCode(typeCode).map(Enum::name).orElse("PLATFORM_TYPE_" + typeCode);
    return new NewAfterSales(
        shopId,
        record.path("id").asText(null),
        record.path("order_sn").asText(null),
        type,
        reasonCode(record.path("after_sales_reason").asText("")),
        record.path("refund_amount").isMissingNode() ? null : record.path("refund_amount").asLong(),
        expireTime(record));
  }

  /** The buyer's reason as a code; unknown texts are OTHER. */
  public static String reasonCode(final String text) {
    final String trimmed = text == null ? "" : text.strip();
    if (CODES.contains(trimmed)) {
      return trimmed;
    }
    for (final var entry : REASONS.entrySet()) {
      if (trimmed.contains(entry.getKey())) {
        return entry.getValue();
      }
    }
    return "OTHER";
  }

  /** {@code expire_time}: Unix seconds or a platform time; unverified which, so both are read. */
  static Instant expireTime(final JsonNode record) {
    final JsonNode value = record.get("expire_time");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber() || value.asText().matches("\\d{9,11}")) {
      return Instant.ofEpochSecond(value.asLong());
    }
    try {
      return PddOrders.time(record, "expire_time");
    } catch (final ValidationException e) {
      throw ValidationException.of(
          "expire_time", "neither Unix seconds nor a PDD time: " + value.asText());
    }
  }
}
