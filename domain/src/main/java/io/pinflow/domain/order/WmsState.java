package io.pinflow.domain.order;

/** The order's delivery order at the warehouse. */
public enum WmsState {
  NONE,
  /** being sent: a cancellation waits until the warehouse has answered */
  SUBMITTING,
  SUBMITTED,
  CANCELLED
}
