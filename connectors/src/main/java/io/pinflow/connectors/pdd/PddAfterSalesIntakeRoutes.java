package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.connectors.support.ConnectorErrorPolicy;
import io.pinflow.connectors.support.DeadLetters;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesRepository;
import io.pinflow.domain.common.DomainException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * PDD after-sales into Pinflow: a timer runs the incremental sync; each record comes through {@link
 * #INTAKE}, which reads its detail ({@code pdd.refund.information.get}) and opens the case once per
 * id, or closes a known case the buyer withdrew. A record that cannot be taken in goes to the dead
 * letter store and can be retried.
 */
@Component
public class PddAfterSalesIntakeRoutes extends RouteBuilder {

  public static final String INTAKE = "direct:pdd-after-sales-intake";
  public static final String RESUME = "direct:pdd-after-sales-sync-resume";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PddIncrementalSync sync;
  private final PddClient pdd;
  private final AfterSales afterSales;
  private final AfterSalesRepository cases;
  private final boolean enabled;
  private final String interval;

  public PddAfterSalesIntakeRoutes(
      @Qualifier("pddAfterSalesSync") final PddIncrementalSync sync,
      final PddClient pdd,
      final AfterSales afterSales,
      final AfterSalesRepository cases,
      @Value("${pinflow.pdd.sync.enabled:true}") final boolean enabled,
      @Value("${pinflow.pdd.sync.interval:5000}") final String interval) {
    this.sync = sync;
    this.pdd = pdd;
    this.afterSales = afterSales;
    this.cases = cases;
    this.enabled = enabled;
    this.interval = interval;
  }

  @Override
  public void configure() {
    from("timer:pdd-after-sales-sync?delay=4000&period=" + interval)
        .routeId("pdd-after-sales-sync")
        .autoStartup(enabled)
        .routeConfigurationId(ConnectorErrorPolicy.CONSUMERS)
        .process(exchange -> sync.syncAll());

    from(INTAKE)
        .routeId("pdd-after-sales-intake")
        .routeConfigurationId(ConnectorErrorPolicy.CONSUMERS)
        .onException(DomainException.class)
        .maximumRedeliveries(0)
        .end()
        .setHeader(DeadLetters.REPLAY_ENDPOINT, constant(INTAKE))
        .process(this::take);

    from(RESUME)
        .routeId("pdd-after-sales-sync-resume")
        .process(exchange -> sync.resume(exchange.getMessage().getBody(String.class)));
  }

  private void take(final Exchange exchange) throws Exception {
    final String shopId = exchange.getMessage().getHeader(DeadLetters.SHOP_ID, String.class);
    final JsonNode summary = JSON.readTree(exchange.getMessage().getBody(String.class));
    final String afterSalesId = summary.path("id").asText();
    final int status = summary.path("after_sales_status").asInt();
    if (cases.find(afterSalesId).isPresent()) {
      if (status == PddAfterSalesRecords.WITHDRAWN) {
        afterSales.withdrawn(afterSalesId);
      }
      return;
    }
    if (!PddAfterSalesRecords.AWAITING_MERCHANT.contains(status)) {
      return;
    }
    final JsonNode detail =
        pdd.call(
                shopId,
                "pdd.refund.information.get",
                Map.of(
                    "after_sales_id", afterSalesId, "order_sn", summary.path("order_sn").asText()))
            .path("refund_info");
    afterSales.open(
        Actor.system(),
        PddAfterSalesRecords.toNewAfterSales(shopId, detail.isMissingNode() ? summary : detail),
        AfterSales.SOURCE_PDD);
  }
}
