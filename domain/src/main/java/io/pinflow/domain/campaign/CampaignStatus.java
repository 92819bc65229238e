package io.pinflow.domain.campaign;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a campaign stands. {@code REJECTED} waits for its submitter to revise and resubmit, or to
 * withdraw; {@code ENDED}, {@code WITHDRAWN} and {@code CANCELLED} are final.
 */
public enum CampaignStatus {
  SUBMITTED,
  IN_APPROVAL,
  REJECTED,
  SCHEDULED,
  ACTIVE,
  ENDED,
  WITHDRAWN,
  CANCELLED;

  /**
   * Campaigns that hold, or are about to hold, their SKUs: the ones a new campaign may not overlap.
   */
  public static final Set<CampaignStatus> COMPETING =
      EnumSet.of(SUBMITTED, IN_APPROVAL, SCHEDULED, ACTIVE);

  public boolean isOpen() {
    return this != ENDED && this != WITHDRAWN && this != CANCELLED;
  }
}
