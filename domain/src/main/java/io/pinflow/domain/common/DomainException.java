package io.pinflow.domain.common;

/** A request the domain refuses; the API maps each subtype to one status and problem type. */
public abstract class DomainException extends RuntimeException {

  protected DomainException(final String message) {
    super(message);
  }
}
