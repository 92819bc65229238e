package io.pinflow.connectors.wms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.connectors.support.ConnectorErrorPolicy;
import io.pinflow.connectors.support.InboundHttp;
import io.pinflow.domain.warehouse.WarehouseEvents;
import io.pinflow.domain.warehouse.WmsEvent;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The WMS's webhook, {@code POST /integrations/wms/events}: each event is checked, stored once per
 * {@code eventId} and forwarded to the waiting process; 202 either way, with whether it was new.
 */
@Component
public class WmsEventRoutes extends RouteBuilder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WarehouseEvents events;
  private final InboundHttp inbound;

  public WmsEventRoutes(final WarehouseEvents events, final InboundHttp inbound) {
    this.events = events;
    this.inbound = inbound;
  }

  @Override
  public void configure() {
    from("platform-http:/integrations/wms/events?httpMethodRestrict=POST")
        .routeId("wms-events")
        .routeConfigurationId(ConnectorErrorPolicy.CALLS)
        .process(exchange -> inbound.handle(exchange, this::receive));
  }

  private Object receive(final Exchange exchange, final String body) throws Exception {
    final JsonNode json = inbound.parseObject(body);
    final WmsEvent event =
        new WmsEvent(
            text(json, "eventId"),
            text(json, "type"),
            text(json, "orderSn"),
            text(json, "afterSalesId"),
            text(json, "carrier"),
            text(json, "trackingNumber"),
            text(json, "inspection"));
    final var receipt = events.receive(inbound.actor(exchange), event, body);
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    return Map.of("eventId", event.eventId(), "status", receipt.name());
  }

  private static String text(final JsonNode json, final String field) {
    final JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
