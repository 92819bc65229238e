package io.pinflow.api.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** HTTP Basic sign-in against Pinflow's users. */
@Component
public class PasswordAuthenticationProvider implements AuthenticationProvider {

  private final CredentialCache credentials;

  public PasswordAuthenticationProvider(final CredentialCache credentials) {
    this.credentials = credentials;
  }

  @Override
  public Authentication authenticate(final Authentication authentication) {
    final String username = authentication.getName();
    final Object password = authentication.getCredentials();
    if (username == null || !(password instanceof String text) || text.length() > 256) {
      throw new BadCredentialsException("bad credentials");
    }
    return credentials
        .password(username, text)
        .<Authentication>map(ActorAuthentication::new)
        .orElseThrow(() -> new BadCredentialsException("bad credentials"));
  }

  @Override
  public boolean supports(final Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
