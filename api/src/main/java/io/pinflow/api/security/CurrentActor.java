package io.pinflow.api.security;

import io.pinflow.domain.access.Actor;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request; security guarantees there is one behind {@code /api}. */
public final class CurrentActor {

  private CurrentActor() {}

  public static Actor get() {
    final var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof ActorAuthentication actorAuthentication) {
      return actorAuthentication.actor();
    }
    throw new IllegalStateException("no signed-in actor on this request");
  }
}
