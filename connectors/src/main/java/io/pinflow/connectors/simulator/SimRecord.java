package io.pinflow.connectors.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A record as the simulated platform keeps it (an order, an after-sales request): the shop it
 * belongs to, its body in the platform's shape, and when it last changed (what increment APIs
 * filter on).
 */
final class SimRecord {
  final String shopId;
  final ObjectNode body;
  volatile Instant updatedAt;

  /** Set, under the record's lock, once it left memory: a change goes to the record read back. */
  volatile boolean evicted;

  SimRecord(final String shopId, final ObjectNode body, final Instant updatedAt) {
    this.shopId = shopId;
    this.body = body;
    this.updatedAt = updatedAt;
  }
}
