package io.pinflow.api.security;

import io.pinflow.domain.access.Actor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in actor. Its authorities are its permission strings ({@code order:read}) and its roles
 * ({@code ROLE_OPS}). It never holds the password or the key.
 */
public final class ActorAuthentication extends AbstractAuthenticationToken {

  private final Actor actor;

  public ActorAuthentication(final Actor actor) {
    super(authorities(actor));
    this.actor = actor;
    setAuthenticated(true);
  }

  private static Collection<GrantedAuthority> authorities(final Actor actor) {
    final List<GrantedAuthority> authorities = new ArrayList<>();
    actor.permissions().forEach(p -> authorities.add(new SimpleGrantedAuthority(p.value())));
    actor.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
    return authorities;
  }

  public Actor actor() {
    return actor;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public Object getPrincipal() {
    return actor;
  }

  @Override
  public String getName() {
    return actor.name();
  }
}
