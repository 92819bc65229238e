package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code pinflow.campaign.record-routing}: notes the approval chain the routing table chose. */
@Component
public class RecordRoutingWorker {

  private final Campaigns campaigns;

  public RecordRoutingWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  /** The routing table's result: the approvers' roles in order, and the rule that chose them. */
  public record Input(String campaignId, List<String> approvers, String rule) {}

  @JobWorker(type = "pinflow.campaign.record-routing")
  public void record(@VariablesAsType final Input input) {
    if (input.approvers() == null || input.approvers().isEmpty()) {
      throw new IllegalStateException(
          "the approval routing chose no approvers for campaign " + input.campaignId());
    }
    campaigns.recordRouting(input.campaignId(), input.approvers(), input.rule());
  }
}
