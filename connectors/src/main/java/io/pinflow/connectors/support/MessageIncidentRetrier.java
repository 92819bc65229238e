package io.pinflow.connectors.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.IncidentRetrier;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Retries a dead-lettered message: its original body goes to its route's entry again. */
@Component
public class MessageIncidentRetrier implements IncidentRetrier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProducerTemplate producer;

  public MessageIncidentRetrier(final ProducerTemplate producer) {
    this.producer = producer;
  }

  @Override
  public boolean supports(final Incident.Kind kind) {
    return kind == Incident.Kind.MESSAGE;
  }

  @Override
  public void retry(final Incident incident) {
    final Map<String, Object> headers = headers(incident.headers());
    final Object endpoint = headers.get(DeadLetters.REPLAY_ENDPOINT);
    if (endpoint == null) {
      throw new IllegalStateException(
          "incident "
              + incident.incidentId()
              + " of route "
              + incident.source()
              + " cannot be replayed");
    }
    producer.sendBodyAndHeaders(endpoint.toString(), incident.payload(), headers);
  }

  private static Map<String, Object> headers(final String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (final IOException e) {
      return Map.of();
    }
  }
}
