package io.pinflow.api.security;

import io.pinflow.api.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each signed-in caller (user or API key) on {@code /api} and {@code /integrations}: over
 * its rate the request is answered 429 with {@code Retry-After}, before any work is done. Runs
 * after authentication, so unknown callers get their 401 first.
 */
@Component
public class RateLimitFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);

  private final RateLimits limits;
  private final ProblemWriter problems;

  public RateLimitFilter(
      @Value("${pinflow.api.rate-limit.default:100/200}") final String defaultRate,
      final Environment environment,
      final ProblemWriter problems) {
    final Map<String, RateLimits.Rate> overrides = new LinkedHashMap<>();
    Binder.get(environment)
        .bind("pinflow.api.rate-limit.callers", Bindable.mapOf(String.class, String.class))
        .ifBound(callers -> callers.forEach((k, v) -> overrides.put(k, RateLimits.Rate.parse(v))));
    this.limits = new RateLimits(RateLimits.Rate.parse(defaultRate), overrides, System::nanoTime);
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(final HttpServletRequest request) {
    final String path = request.getRequestURI();
    return !path.startsWith("/api/") && !path.startsWith("/integrations/");
  }

  @Override
  protected void doFilterInternal(
      final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
      throws ServletException, IOException {
    final var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof ActorAuthentication signedIn)) {
      chain.doFilter(request, response);
      return;
    }
    final RateLimits.Decision decision = limits.take(signedIn.actor().name());
    if (decision.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    LOG.warn("rate limit reached by {} on {}", signedIn.actor().name(), request.getRequestURI());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
    problems.write(
        request,
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "rate-limited",
        "Too many requests",
        "the rate limit of "
            + signedIn.actor().name()
            + " is reached; retry after "
            + decision.retryAfterSeconds()
            + " s");
  }
}
