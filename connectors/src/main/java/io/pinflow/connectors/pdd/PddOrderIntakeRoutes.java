package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.connectors.support.ConnectorErrorPolicy;
import io.pinflow.connectors.support.DeadLetters;
import io.pinflow.domain.common.DomainException;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.OrderRepository;
import io.pinflow.domain.order.Orders;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * PDD orders into Pinflow. A timer runs the incremental sync; every order it reads comes through
 * {@link #INTAKE}: new orders awaiting shipment are taken in (once per order number), known ones
 * get the platform's changes (holds lifted, cancelled, received). An order that cannot be taken in
 * (an unknown SKU, say) goes to the dead letter store with its PDD payload and can be retried.
 */
@Component
public class PddOrderIntakeRoutes extends RouteBuilder {

  public static final String INTAKE = "direct:pdd-order-intake";
  public static final String RESUME = "direct:pdd-sync-resume";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PddIncrementalSync sync;
  private final Orders orders;
  private final OrderRepository orderRepository;
  private final boolean enabled;
  private final String interval;

  public PddOrderIntakeRoutes(
      @Qualifier("pddOrderSync") final PddIncrementalSync sync,
      final Orders orders,
      final OrderRepository orderRepository,
      @Value("${pinflow.pdd.sync.enabled:true}") final boolean enabled,
      @Value("${pinflow.pdd.sync.interval:5000}") final String interval) {
    this.sync = sync;
    this.orders = orders;
    this.orderRepository = orderRepository;
    this.enabled = enabled;
    this.interval = interval;
  }

  @Override
  public void configure() {
    from("timer:pdd-order-sync?delay=3000&period=" + interval)
        .routeId("pdd-order-sync")
        .autoStartup(enabled)
        .routeConfigurationId(ConnectorErrorPolicy.CONSUMERS)
        .process(exchange -> sync.syncAll());

    from(INTAKE)
        .routeId("pdd-order-intake")
        .routeConfigurationId(ConnectorErrorPolicy.CONSUMERS)
        .onException(DomainException.class)
        .maximumRedeliveries(0)
        .end()
        .setHeader(DeadLetters.REPLAY_ENDPOINT, constant(INTAKE))
        .process(this::take);

    from(RESUME)
        .routeId("pdd-sync-resume")
        .process(exchange -> sync.resume(exchange.getMessage().getBody(String.class)));
  }

  private void take(final Exchange exchange) throws Exception {
    final String shopId = exchange.getMessage().getHeader(DeadLetters.SHOP_ID, String.class);
    final JsonNode order = JSON.readTree(exchange.getMessage().getBody(String.class));
    final String orderSn = order.path("order_sn").asText();
    final PddOrders.PlatformState state = PddOrders.state(order);
    final Optional<Order> known = orderRepository.find(orderSn);
    if (known.isPresent()) {
      orders.applyPlatformState(orderSn, state.holds(), state.cancelled(), state.received());
    } else if (state.awaitingShipment() && !state.cancelled()) {
      orders.intake(PddOrders.toNewOrder(shopId, order), Order.SOURCE_PDD, "pdd-sync");
    }
  }
}
