package io.pinflow.connectors.support;

import java.io.IOException;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The error policy every connector route refers to by id. Calls out (PDD, WMS) retry I/O failures a
 * few times with exponential back-off, then fail to their caller, a job worker, whose job is
 * retried with a longer back-off and ends as an incident. Routes that consume on their own (timers,
 * files) hand what still fails to the dead letter store, which shows as an incident.
 */
@Component
public class ConnectorErrorPolicy extends RouteConfigurationBuilder {

  public static final String CALLS = "pinflow-calls";
  public static final String CONSUMERS = "pinflow-consumers";

  private final int redeliveries;

  public ConnectorErrorPolicy(
      @Value("${pinflow.connectors.redeliveries:2}") final int redeliveries) {
    this.redeliveries = redeliveries;
  }

  /**
   * Retries are this policy's and the caller's, never the HTTP client's: Apache HttpClient 5.5
   * re-sends a 503 or 429 by itself and first waits out its {@code Retry-After}, however long, on
   * the calling worker's thread. Called by the routes that call out, before their endpoints exist.
   */
  public static void withoutClientRetries(final CamelContext camel) {
    camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
  }

  @Override
  public void configuration() {
    // the caller (a job worker) decides and logs: no second error log from Camel
    routeConfiguration(CALLS)
        .errorHandler(defaultErrorHandler().logExhausted(false))
        .onException(IOException.class)
        .maximumRedeliveries(redeliveries)
        .redeliveryDelay(200)
        .useExponentialBackOff()
        .backOffMultiplier(2)
        .retryAttemptedLogLevel(LoggingLevel.WARN)
        .handled(false);

    routeConfiguration(CONSUMERS)
        .errorHandler(
            deadLetterChannel(DeadLetters.ENDPOINT)
                .useOriginalMessage()
                .maximumRedeliveries(redeliveries)
                .redeliveryDelay(500)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN));
  }
}
