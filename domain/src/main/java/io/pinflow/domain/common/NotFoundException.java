package io.pinflow.domain.common;

/** The object does not exist, or lies outside the caller's shops (which looks the same). */
public class NotFoundException extends DomainException {

  public NotFoundException(final String type, final String key) {
    super(type + " " + key + " not found");
  }
}
