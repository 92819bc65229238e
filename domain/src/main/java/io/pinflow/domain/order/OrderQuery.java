package io.pinflow.domain.order;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.PageRequest;
import java.time.Instant;

/** Filters of the order list; null fields do not filter. Times filter the confirm time. */
public record OrderQuery(
    ShopScope scope,
    String shopId,
    OrderStatus status,
    Instant from,
    Instant to,
    PageRequest page) {}
