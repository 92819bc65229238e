package io.pinflow.domain.audit;

import io.pinflow.domain.common.Page;

public interface AuditRepository {

  void append(AuditEntry entry);

  /** Newest first. */
  Page<AuditEntry> search(AuditQuery query);
}
