package io.pinflow.connectors.pdd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Calls the PDD router through the {@code pdd-call} route: signed, rate-governed, checked. */
@Component
public class PddClient {

  private final ProducerTemplate producer;

  public PddClient(final ProducerTemplate producer) {
    this.producer = producer;
  }

  /**
   * Calls {@code type} for the shop and returns the response object (the value of the single {@code
   * ..._response} field).
   *
   * @throws PddApiException for the platform's {@code error_response}
   */
  public JsonNode call(final String shopId, final String type, final Map<String, Object> params) {
    try {
      return producer.requestBody(
          PddRoutes.CALL, new PddRequest(shopId, type, params), JsonNode.class);
    } catch (final CamelExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
