package io.pinflow.api.security;

import io.pinflow.domain.access.PasswordHasher;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

@Component
public class BcryptPasswordHasher implements PasswordHasher {

  private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);

  @Override
  public String hash(final String rawPassword) {
    return encoder.encode(rawPassword);
  }

  @Override
  public boolean matches(final String rawPassword, final String hash) {
    return encoder.matches(rawPassword, hash);
  }
}
