package io.pinflow.domain.listing;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.PageRequest;

/** Listings within a shop scope, optionally of one shop, goods or status, newest first. */
public record ListingQuery(
    ShopScope scope, String shopId, String outerGoodsId, ListingStatus status, PageRequest page) {}
