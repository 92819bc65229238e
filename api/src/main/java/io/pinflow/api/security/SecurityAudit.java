package io.pinflow.api.security;

import io.pinflow.api.web.ProblemWriter;
import io.pinflow.domain.audit.AuditEntry.Outcome;
import io.pinflow.domain.audit.AuditTrail;
import io.pinflow.domain.audit.AuditTrail.Event;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers failed sign-ins (401) and calls without the permission (403) with problem details, and
 * writes both to the audit trail. A failed sign-in names the attempted user or the key's prefix,
 * never the password or the key.
 */
@Component
public class SecurityAudit implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityAudit.class);

  private final AuditTrail trail;
  private final ProblemWriter problems;

  public SecurityAudit(final AuditTrail trail, final ProblemWriter problems) {
    this.trail = trail;
    this.problems = problems;
  }

  @Override
  public void commence(
      final HttpServletRequest request,
      final HttpServletResponse response,
      final AuthenticationException failure)
      throws IOException {
    final String attempted = attemptedIdentity(request);
    if (attempted != null) {
      audit(attempted, "CREDENTIALS", "auth.failed", request);
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"pinflow\", charset=\"UTF-8\"");
    problems.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "unauthorized",
        "Unauthorized",
        attempted == null
            ? "sign in with HTTP Basic or an X-Api-Key"
            : "the credentials are not valid");
  }

  @Override
  public void handle(
      final HttpServletRequest request,
      final HttpServletResponse response,
      final AccessDeniedException denied)
      throws IOException {
    final var authentication = SecurityContextHolder.getContext().getAuthentication();
    final String actor = authentication == null ? "anonymous" : authentication.getName();
    audit(actor, actorType(authentication), "access.denied", request);
    problems.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        "forbidden",
        "Forbidden",
        "you lack the permission for " + request.getMethod() + " " + request.getRequestURI());
  }

  private void audit(
      final String actor,
      final String actorType,
      final String action,
      final HttpServletRequest request) {
    try {
      trail.record(
          actor,
          actorType,
          Event.of(action, "HTTP", request.getMethod() + " " + request.getRequestURI()),
          Outcome.DENIED,
          request.getRemoteAddr());
    } catch (final RuntimeException e) {
      LOG.error("Audit entry for {} of {} not written: {}", action, actor, e.getMessage());
    }
  }

  private static String actorType(final org.springframework.security.core.Authentication a) {
    return a instanceof ActorAuthentication actor ? actor.actor().type().name() : "ANONYMOUS";
  }

  /** The user name of a Basic header, or the prefix of an API key; null when none was sent. */
  static String attemptedIdentity(final HttpServletRequest request) {
    final String key = request.getHeader(ApiKeyAuthenticationFilter.HEADER);
    if (key != null) {
      final String trimmed = key.strip();
      return "key:" + trimmed.substring(0, Math.min(9, trimmed.length())) + "…";
    }
    final String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return header == null ? null : "unsupported-authorization";
    }
    try {
      final String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      final int colon = decoded.indexOf(':');
      final String user = colon < 0 ? decoded : decoded.substring(0, colon);
      return user.length() > 64 ? user.substring(0, 64) : user;
    } catch (final IllegalArgumentException e) {
      return "malformed-basic";
    }
  }
}
