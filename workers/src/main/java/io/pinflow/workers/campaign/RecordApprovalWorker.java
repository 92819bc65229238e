package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.campaign.record-approval}: stores one approver's decision; the step is the
 * position in the chain, so a repeated job records it once.
 */
@Component
public class RecordApprovalWorker {

  private final Campaigns campaigns;

  public RecordApprovalWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(
      String campaignId,
      Integer approvalStep,
      String approverRole,
      String approvalDecision,
      String approvalComment,
      String completedBy) {}

  @JobWorker(type = "pinflow.campaign.record-approval")
  public void record(@VariablesAsType final Input input) {
    campaigns.recordApproval(
        input.campaignId(),
        input.approvalStep() == null ? 1 : input.approvalStep(),
        input.approverRole(),
        input.approvalDecision(),
        input.approvalComment(),
        input.completedBy());
  }
}
