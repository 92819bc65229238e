package io.pinflow.domain.aftersales;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.PageRequest;
import java.time.Instant;

/** Filters of the after-sales list; null fields do not filter. Times filter the opening time. */
public record AfterSalesQuery(
    ShopScope scope,
    String shopId,
    String orderSn,
    AfterSalesType type,
    AfterSalesStatus status,
    Instant from,
    Instant to,
    PageRequest page) {}
