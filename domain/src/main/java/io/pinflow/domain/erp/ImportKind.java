package io.pinflow.domain.erp;

/** What an ERP file holds: the product master, or stock counts. */
public enum ImportKind {
  PRODUCTS,
  STOCK
}
