package io.pinflow.api.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Stops a start in embedded mode when the application was built without the embedded runtime (the
 * production artifact), instead of failing later on a missing engine or database.
 */
public class ModeGuard implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      final ConfigurableEnvironment environment, final SpringApplication application) {
    final String mode = environment.getProperty("pinflow.mode", "embedded").trim();
    if (mode.equalsIgnoreCase("embedded")
        && !ClassUtils.isPresent(
            "io.pinflow.embedded.EmbeddedRuntime", getClass().getClassLoader())) {
      throw new IllegalStateException(
          "This Pinflow build has no embedded engine and database (production artifact): set"
              + " PINFLOW_MODE=remote with the Camunda client and data source settings, or build"
              + " without -Pproduction");
    }
  }
}
