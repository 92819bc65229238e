package io.pinflow.domain.common;

/** The caller is known and may see the object, but may not do this to it. */
public class ForbiddenException extends DomainException {

  public ForbiddenException(final String message) {
    super(message);
  }
}
