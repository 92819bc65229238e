package io.pinflow.domain.stock;

/** A quantity of one SKU that an owner wants reserved. */
public record StockDemand(String outerSkuId, int quantity) {}
