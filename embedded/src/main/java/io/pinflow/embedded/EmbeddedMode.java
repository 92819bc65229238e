package io.pinflow.embedded;

import org.springframework.core.env.Environment;

/** Pinflow runs embedded (in-process engine and database) unless {@code pinflow.mode=remote}. */
public final class EmbeddedMode {

  public static final String PROPERTY = "pinflow.mode";

  private EmbeddedMode() {}

  public static boolean isActive(final Environment environment) {
    final String mode = environment.getProperty(PROPERTY, "embedded").trim();
    if (!mode.equalsIgnoreCase("embedded") && !mode.equalsIgnoreCase("remote")) {
      throw new IllegalArgumentException(
          PROPERTY + " must be 'embedded' or 'remote', was '" + mode + "'");
    }
    return mode.equalsIgnoreCase("embedded");
  }
}
