package io.pinflow.api.audit;

import io.pinflow.api.security.ActorAuthentication;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.audit.AuditEntry.Outcome;
import io.pinflow.domain.audit.AuditTrail;
import io.pinflow.domain.audit.AuditTrail.Event;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes every state-changing call of the API and the connector endpoints to the audit trail,
 * whatever its outcome: success, rejection (4xx), denial (403) or failure (5xx). Sits in the
 * security chain after sign-in, so it knows the actor. Failed sign-ins and denials decided by the
 * security rules are written by {@link SecurityAudit}.
 */
public class AuditFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final AuditTrail trail;

  public AuditFilter(final AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  protected void doFilterInternal(
      final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
      throws ServletException, IOException {
    final AuditRecord record = AuditRecord.of(request);
    if (SecurityContextHolder.getContext().getAuthentication() instanceof ActorAuthentication a) {
      record.actor = a.actor();
    }
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      if (isAudited(request) && !record.recorded) {
        if (!failed && request.isAsyncStarted()) {
          // Camel's endpoints answer asynchronously: the outcome is known when they complete
          request.getAsyncContext().addListener(new AuditOnCompletion(request, record, response));
        } else {
          write(request, record, failed ? 500 : response.getStatus());
        }
      }
    }
  }

  private final class AuditOnCompletion implements AsyncListener {

    private final HttpServletRequest request;
    private final AuditRecord record;
    private final HttpServletResponse response;

    AuditOnCompletion(
        final HttpServletRequest request,
        final AuditRecord record,
        final HttpServletResponse response) {
      this.request = request;
      this.record = record;
      this.response = response;
    }

    @Override
    public void onComplete(final AsyncEvent event) {
      if (!record.recorded) {
        write(request, record, response.getStatus());
      }
    }

    @Override
    public void onTimeout(final AsyncEvent event) {
      write(request, record, 503);
    }

    @Override
    public void onError(final AsyncEvent event) {
      write(request, record, 500);
    }

    @Override
    public void onStartAsync(final AsyncEvent event) {
      // nothing to do
    }
  }

  private static boolean isAudited(final HttpServletRequest request) {
    final String path = request.getRequestURI();
    return !SAFE_METHODS.contains(request.getMethod())
        && (path.startsWith("/api/") || path.startsWith("/integrations/"));
  }

  private void write(final HttpServletRequest request, final AuditRecord record, final int status) {
    final Outcome outcome =
        status >= 500
            ? Outcome.FAILED
            : status == 401 || status == 403
                ? Outcome.DENIED
                : status >= 400 ? Outcome.REJECTED : Outcome.SUCCESS;
    final String action =
        record.action != null ? record.action : request.getMethod() + " " + pattern(request);
    final String detail =
        outcome == Outcome.SUCCESS ? record.detail : joined(record.detail, "HTTP " + status);
    final Event event =
        new Event(action, record.targetType, record.targetKey, record.shopId, detail);
    try {
      final Actor actor = record.actor;
      if (actor != null) {
        trail.record(actor, event, outcome, request.getRemoteAddr());
      } else {
        trail.record(null, "ANONYMOUS", event, outcome, request.getRemoteAddr());
      }
      record.recorded = true;
    } catch (final RuntimeException e) {
      LOG.error("Audit entry not written for {} {}: {}", action, record.targetKey, e.getMessage());
    }
  }

  private static String pattern(final HttpServletRequest request) {
    final Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return pattern != null ? pattern.toString() : request.getRequestURI();
  }

  private static String joined(final String first, final String second) {
    return first == null ? second : first + "; " + second;
  }
}
