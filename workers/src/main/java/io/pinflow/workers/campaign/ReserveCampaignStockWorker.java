package io.pinflow.workers.campaign;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.pinflow.domain.campaign.Campaigns;
import io.pinflow.domain.stock.Reservation;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.campaign.reserve-stock}: holds the campaign quantity of every SKU, all or nothing;
 * {@code shortSkus} names what is missing ("SKU-1: 40 of 100 available").
 */
@Component
public class ReserveCampaignStockWorker {

  private final Campaigns campaigns;

  public ReserveCampaignStockWorker(final Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(String campaignId) {}

  public record Output(boolean stockReserved, List<String> shortSkus) {}

  @JobWorker(type = "pinflow.campaign.reserve-stock")
  public Output reserve(@VariablesAsType final Input input) {
    return switch (campaigns.reserveStock(input.campaignId())) {
      case Reservation.Reserved reserved -> new Output(true, List.of());
      case Reservation.Short shortage ->
          new Output(
              false,
              shortage.shortages().stream()
                  .map(
                      s ->
                          s.outerSkuId()
                              + ": "
                              + s.available()
                              + " of "
                              + s.requested()
                              + " available")
                  .toList());
      case Reservation.Closed closed ->
          throw new IllegalStateException(
              "campaign "
                  + input.campaignId()
                  + " gave its stock back already ("
                  + closed.status()
                  + ")");
    };
  }
}
