package io.pinflow.connectors.wms;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Delivery orders at the WMS, through the {@link WmsOutboundRoutes}. */
@Component
public class WmsOutbound {

  private final ProducerTemplate producer;

  public WmsOutbound(final ProducerTemplate producer) {
    this.producer = producer;
  }

  /** Creates the delivery order; the order number is the idempotency key, so a retry is safe. */
  public WmsOutcome create(final DeliveryOrder order) {
    return call(WmsOutboundRoutes.CREATE, order);
  }

  public WmsOutcome cancel(final String orderSn) {
    return call(WmsOutboundRoutes.CANCEL, orderSn);
  }

  private WmsOutcome call(final String endpoint, final Object body) {
    try {
      return producer.requestBody(endpoint, body, WmsOutcome.class);
    } catch (final CamelExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(
          "WMS call failed: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
