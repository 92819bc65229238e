package io.pinflow.domain.common;

/** Which page of a list to read; sizes are capped at {@link #MAX_SIZE}. */
public record PageRequest(int page, int size) {

  public static final int MAX_SIZE = 200;
  public static final int DEFAULT_SIZE = 50;

  public PageRequest {
    if (page < 0) {
      throw ValidationException.of("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ValidationException.of("size", "must be between 1 and " + MAX_SIZE);
    }
  }

  public static PageRequest of(final Integer page, final Integer size) {
    return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
  }

  public long offset() {
    return (long) page * size;
  }
}
