package io.pinflow.domain.campaign;

import java.time.Instant;

/**
 * One decision of an approval chain: round (1 + resubmissions), step within it, and who decided.
 */
public record CampaignApproval(
    int round,
    int step,
    String role,
    String decision,
    String comment,
    String decidedBy,
    Instant decidedAt) {}
