package io.pinflow.domain.audit;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.PageRequest;
import java.time.Instant;

/** Filters of the audit search; null fields do not filter. */
public record AuditQuery(
    String actor, String action, Instant from, Instant to, ShopScope scope, PageRequest page) {}
