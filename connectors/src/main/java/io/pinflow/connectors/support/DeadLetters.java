package io.pinflow.connectors.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.Incidents;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The dead letter store: a message a route could not process is kept with its original body, its
 * route and the error, as an incident of kind MESSAGE; retrying the incident sends the body to the
 * route's entry again (header {@link #REPLAY_ENDPOINT}).
 */
@Component
public class DeadLetters extends RouteBuilder {

  public static final String ENDPOINT = "direct:dead-letter";

  /** Where a replay of the message goes; set by routes that can take their input again. */
  public static final String REPLAY_ENDPOINT = "pinflowReplayEndpoint";

  public static final String BUSINESS_KEY = "pinflowBusinessKey";
  public static final String SHOP_ID = "pinflowShopId";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Incidents incidents;
  private final Clock clock;

  public DeadLetters(final Incidents incidents, final Clock clock) {
    this.incidents = incidents;
    this.clock = clock;
  }

  @Override
  public void configure() {
    from(ENDPOINT).routeId("dead-letter").process(this::record);
  }

  void record(final Exchange exchange) {
    final Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    final String route = exchange.getFromRouteId();
    final String body = exchange.getMessage().getBody(String.class);
    final long id =
        incidents.recordDeadLetter(
            new Incident(
                0,
                Incident.Kind.MESSAGE,
                Incident.Status.OPEN,
                null,
                null,
                null,
                null,
                route,
                exchange.getMessage().getHeader(BUSINESS_KEY, String.class),
                exchange.getMessage().getHeader(SHOP_ID, String.class),
                error == null ? "Unknown" : error.getClass().getSimpleName(),
                error == null ? "no error recorded" : String.valueOf(error.getMessage()),
                body,
                headers(exchange),
                0,
                clock.instant(),
                null,
                null));
    LOG.error(
        "Route {} gave up on a message: incident {} ({})",
        route,
        id,
        error == null ? "" : error.getMessage());
  }

  private static String headers(final Exchange exchange) {
    final Map<String, Object> kept = new LinkedHashMap<>();
    exchange
        .getMessage()
        .getHeaders()
        .forEach(
            (name, value) -> {
              if (name.startsWith("pinflow") || name.equals(Exchange.FILE_NAME)) {
                kept.put(name, String.valueOf(value));
              }
            });
    try {
      return JSON.writeValueAsString(kept);
    } catch (final JsonProcessingException e) {
      return "{}";
    }
  }
}
