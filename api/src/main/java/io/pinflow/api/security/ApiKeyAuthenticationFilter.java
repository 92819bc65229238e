package io.pinflow.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Signs in integrations by their {@code X-Api-Key}; an unknown or revoked key is a 401. */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-Api-Key";

  private final CredentialCache credentials;
  private final AuthenticationEntryPoint entryPoint;

  public ApiKeyAuthenticationFilter(
      final CredentialCache credentials, final AuthenticationEntryPoint entryPoint) {
    this.credentials = credentials;
    this.entryPoint = entryPoint;
  }

  @Override
  protected void doFilterInternal(
      final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
      throws ServletException, IOException {
    final String key = request.getHeader(HEADER);
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    final var actor = credentials.apiKey(key.strip());
    if (actor.isEmpty()) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(
          request, response, new BadCredentialsException("unknown or revoked API key"));
      return;
    }
    final var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new ActorAuthentication(actor.get()));
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }
}
