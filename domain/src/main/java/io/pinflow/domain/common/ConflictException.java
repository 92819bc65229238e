package io.pinflow.domain.common;

/** The request contradicts the object's current state (e.g. completing a completed task). */
public class ConflictException extends DomainException {

  private final String reason;

  public ConflictException(final String reason, final String message) {
    super(message);
    this.reason = reason;
  }

  /** A stable, machine-readable reason, part of the problem type. */
  public String reason() {
    return reason;
  }
}
