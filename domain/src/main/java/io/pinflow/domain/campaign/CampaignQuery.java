package io.pinflow.domain.campaign;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.PageRequest;

/** Campaigns within a shop scope, optionally of one shop or status, newest first. */
public record CampaignQuery(
    ShopScope scope, String shopId, CampaignStatus status, PageRequest page) {}
