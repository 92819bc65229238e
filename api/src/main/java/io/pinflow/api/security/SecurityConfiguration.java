package io.pinflow.api.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.pinflow.api.audit.AuditFilter;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.access.BuiltinRoles;
import io.pinflow.domain.access.Permission;
import io.pinflow.domain.audit.AuditTrail;
import jakarta.servlet.DispatcherType;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. People sign in with HTTP Basic, integrations with {@code X-Api-Key}; every
 * request is stateless. The rules below follow the permission column of the API contract; what is
 * not listed is refused. Shop boundaries are applied inside the queries.
 */
@Configuration
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(
      final HttpSecurity http,
      final CredentialCache credentials,
      final PasswordAuthenticationProvider passwords,
      final SecurityAudit securityAudit,
      final AuditTrail auditTrail)
      throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .authenticationProvider(passwords)
        .httpBasic(basic -> basic.authenticationEntryPoint(securityAudit))
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(securityAudit).accessDeniedHandler(securityAudit))
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(credentials, securityAudit),
            BasicAuthenticationFilter.class)
        .addFilterBefore(new AuditFilter(auditTrail), ExceptionTranslationFilter.class)
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
        .authorizeHttpRequests(
            rules ->
                rules
                    // the async completion of a request that was authorised already
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll()
                    // open: health, API description, error page, the embedded simulators
                    .requestMatchers(
                        GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .requestMatchers(
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                    .permitAll()
                    .requestMatchers("/error", "/simulator/**")
                    .permitAll()
                    .requestMatchers(GET, "/actuator/prometheus")
                    .hasAuthority(Permission.SYSTEM_MANAGE.value())
                    // access administration
                    .requestMatchers(POST, "/api/shops")
                    .hasAuthority(Permission.USER_MANAGE.value())
                    .requestMatchers(PUT, "/api/shops/*")
                    .hasAuthority(Permission.USER_MANAGE.value())
                    .requestMatchers(GET, "/api/shops", "/api/shops/*")
                    .authenticated()
                    .requestMatchers("/api/users", "/api/users/**", "/api/roles", "/api/roles/**")
                    .hasAuthority(Permission.USER_MANAGE.value())
                    .requestMatchers("/api/api-keys", "/api/api-keys/**")
                    .hasAuthority(Permission.USER_MANAGE.value())
                    .requestMatchers(GET, "/api/audit")
                    .hasAuthority(Permission.AUDIT_READ.value())
                    // operations
                    .requestMatchers(GET, "/api/orders", "/api/orders/**")
                    .hasAuthority(Permission.ORDER_READ.value())
                    .requestMatchers(POST, "/api/orders", "/api/orders/*/cancel")
                    .hasAuthority(Permission.ORDER_WRITE.value())
                    .requestMatchers(GET, "/api/after-sales", "/api/after-sales/**")
                    .hasAuthority(Permission.ORDER_READ.value())
                    .requestMatchers(POST, "/api/after-sales")
                    .hasAuthority(Permission.ORDER_WRITE.value())
                    .requestMatchers(GET, "/api/listings", "/api/listings/**")
                    .hasAuthority(Permission.ORDER_READ.value())
                    .requestMatchers(POST, "/api/listings", "/api/listings/*/delist")
                    .hasAuthority(Permission.ORDER_WRITE.value())
                    .requestMatchers(PUT, "/api/listings/*")
                    .hasAuthority(Permission.ORDER_WRITE.value())
                    .requestMatchers(GET, "/api/imports", "/api/imports/**")
                    .hasAuthority(Permission.ORDER_READ.value())
                    .requestMatchers(GET, "/api/inventory", "/api/inventory/**")
                    .hasAuthority(Permission.ORDER_READ.value())
                    .requestMatchers(PUT, "/api/inventory/*")
                    .hasAuthority(Permission.INVENTORY_WRITE.value())
                    .requestMatchers(GET, "/api/campaigns", "/api/campaigns/**")
                    .hasAuthority(Permission.ORDER_READ.value())
                    .requestMatchers(POST, "/api/campaigns", "/api/campaigns/*/stop")
                    .hasAuthority(Permission.ORDER_WRITE.value())
                    .requestMatchers(PUT, "/api/campaigns/*")
                    .hasAuthority(Permission.ORDER_WRITE.value())
                    .requestMatchers("/api/tasks", "/api/tasks/**")
                    .hasAuthority(Permission.TASK_WORK.value())
                    .requestMatchers(GET, "/api/incidents", "/api/incidents/**")
                    .hasAuthority(Permission.ORDER_WRITE.value())
                    .requestMatchers(POST, "/api/incidents/*/retry")
                    .hasAuthority(Permission.ORDER_WRITE.value())
                    .requestMatchers(GET, "/api/reports/**")
                    .hasAuthority(Permission.REPORT_READ.value())
                    .requestMatchers("/api/system/**", "/api/admin/**")
                    .hasAuthority(Permission.SYSTEM_MANAGE.value())
                    .requestMatchers(DELETE, "/api/**")
                    .denyAll()
                    // connector endpoints: an INTEGRATION key, or a person with order:write
                    .requestMatchers("/integrations/**")
                    .access(SecurityConfiguration::integration)
                    // the dashboard page and its assets
                    .requestMatchers(GET, "/dashboard", "/dashboard/**", "/webjars/**")
                    .authenticated()
                    .anyRequest()
                    .denyAll());
    return http.build();
  }

  /**
   * Camel's HTTP endpoints process requests on this executor; it carries the caller's security
   * context over to the processing thread.
   */
  @Bean
  DelegatingSecurityContextAsyncTaskExecutor connectorRequestExecutor(
      @Value("${pinflow.connectors.http-threads:16}") final int threads) {
    final var pool = new ThreadPoolTaskExecutor();
    pool.setCorePoolSize(threads);
    pool.setMaxPoolSize(threads);
    pool.setQueueCapacity(10_000);
    pool.setThreadNamePrefix("connector-http-");
    pool.initialize();
    return new DelegatingSecurityContextAsyncTaskExecutor(pool);
  }

  private static AuthorizationDecision integration(
      final Supplier<Authentication> authentication, final RequestAuthorizationContext context) {
    if (!(authentication.get() instanceof ActorAuthentication signedIn)) {
      return new AuthorizationDecision(false);
    }
    final Actor actor = signedIn.actor();
    final boolean allowed =
        switch (actor.type()) {
          case API_KEY -> actor.roles().contains(BuiltinRoles.INTEGRATION);
          case USER -> actor.can(Permission.ORDER_WRITE);
          case SYSTEM -> false;
        };
    return new AuthorizationDecision(allowed);
  }
}
