package io.pinflow.domain.sync;

import java.time.Instant;
import java.util.Optional;

/** How far each shop's incremental platform sync has read, per stream (orders, after-sales). */
public interface SyncCheckpoints {

  Optional<Instant> syncedTo(String shopId, String stream);

  void save(String shopId, String stream, Instant syncedTo);
}
