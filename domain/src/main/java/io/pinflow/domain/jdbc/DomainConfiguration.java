package io.pinflow.domain.jdbc;

import io.pinflow.domain.system.SelfCheckRepository;
import io.pinflow.domain.system.SelfChecks;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the domain services from their repositories; the services know nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SelfChecks selfChecks(final SelfCheckRepository repository, final Clock clock) {
    return new SelfChecks(repository, clock);
  }
}
