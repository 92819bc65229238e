package io.pinflow.domain.jdbc;

import io.pinflow.domain.access.AccessAdministration;
import io.pinflow.domain.access.AccessRepository;
import io.pinflow.domain.access.PasswordHasher;
import io.pinflow.domain.audit.AuditRepository;
import io.pinflow.domain.audit.AuditTrail;
import io.pinflow.domain.incident.IncidentRepository;
import io.pinflow.domain.incident.IncidentRetrier;
import io.pinflow.domain.incident.Incidents;
import io.pinflow.domain.shop.SecretCipher;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.shop.Shops;
import io.pinflow.domain.system.SelfCheckRepository;
import io.pinflow.domain.system.SelfChecks;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.task.TaskRepository;
import io.pinflow.domain.task.UserTaskEngine;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
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

  @Bean
  Shops shops(
      final ShopRepository repository,
      final SecretCipher cipher,
      final Clock clock,
      @Value("${pinflow.mode:embedded}") final String mode) {
    return new Shops(repository, cipher, clock, "embedded".equalsIgnoreCase(mode.trim()));
  }

  @Bean
  AccessAdministration accessAdministration(
      final AccessRepository repository,
      final PasswordHasher passwords,
      final Shops shops,
      final Clock clock) {
    return new AccessAdministration(repository, passwords, shops, clock);
  }

  @Bean
  AuditTrail auditTrail(final AuditRepository repository, final Clock clock) {
    return new AuditTrail(repository, clock);
  }

  @Bean
  TaskInbox taskInbox(
      final TaskRepository repository, final UserTaskEngine engine, final Clock clock) {
    return new TaskInbox(repository, engine, clock);
  }

  @Bean
  Incidents incidents(
      final IncidentRepository repository,
      final List<IncidentRetrier> retriers,
      final Clock clock) {
    return new Incidents(repository, retriers, clock);
  }
}
