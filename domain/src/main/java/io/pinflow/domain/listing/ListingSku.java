package io.pinflow.domain.listing;

/** One SKU of a listing: the ERP's SKU id, its specification, price and initial quantity. */
public record ListingSku(String outerSkuId, String spec, long priceFen, int quantity) {}
