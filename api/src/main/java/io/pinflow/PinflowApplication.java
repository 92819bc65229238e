package io.pinflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Pinflow: fulfilment and after-sales flows for Pinduoduo merchants on Camunda 8. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PinflowApplication {

  public static void main(final String[] args) {
    try {
      SpringApplication.run(PinflowApplication.class, args);
    } catch (final Throwable startFailure) {
      // Spring Boot has logged the cause. Exit explicitly: libraries may leave non-daemon threads.
      System.exit(1);
    }
  }
}
