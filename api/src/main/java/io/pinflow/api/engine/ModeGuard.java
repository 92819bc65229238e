package io.pinflow.api.engine;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Checks the runtime mode before anything starts: an unknown mode, embedded mode in a build without
 * the embedded runtime (the production artifact), or remote mode without the settings that have no
 * safe default (the simulators' defaults would silently talk to nothing) stop the start with one
 * message that names every missing setting.
 */
public class ModeGuard implements EnvironmentPostProcessor {

  /** Settings remote mode cannot start without, with the environment variable that sets each. */
  static final List<String[]> REMOTE_REQUIRED =
      List.of(
          new String[] {"spring.datasource.url", "SPRING_DATASOURCE_URL"},
          new String[] {"spring.datasource.username", "SPRING_DATASOURCE_USERNAME"},
          new String[] {"pinflow.security.secret-key", "PINFLOW_SECURITY_SECRET_KEY"},
          new String[] {"pinflow.pdd.router-url", "PINFLOW_PDD_ROUTER_URL"},
          new String[] {"pinflow.pdd.access-token-template", "PINFLOW_PDD_ACCESS_TOKEN_TEMPLATE"},
          new String[] {"pinflow.pdd.return-address-id", "PINFLOW_PDD_RETURN_ADDRESS_ID"},
          new String[] {"pinflow.wms.base-url", "PINFLOW_WMS_BASE_URL"});

  @Override
  public void postProcessEnvironment(
      final ConfigurableEnvironment environment, final SpringApplication application) {
    final String mode = environment.getProperty("pinflow.mode", "embedded").trim();
    if (mode.equalsIgnoreCase("embedded")) {
      if (!ClassUtils.isPresent(
          "io.pinflow.embedded.EmbeddedRuntime", getClass().getClassLoader())) {
        throw new IllegalStateException(
            "This Pinflow build has no embedded engine and database (production artifact): set"
                + " PINFLOW_MODE=remote with the Camunda client and data source settings, or build"
                + " without -Pproduction");
      }
    } else if (mode.equalsIgnoreCase("remote")) {
      final List<String> missing =
          REMOTE_REQUIRED.stream()
              .filter(setting -> isBlank(environment.getProperty(setting[0])))
              .map(setting -> setting[0] + " (" + setting[1] + ")")
              .toList();
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "Remote mode needs these settings, which have no safe default: "
                + String.join(", ", missing)
                + ". See docs/configuration.md");
      }
    } else {
      throw new IllegalStateException(
          "pinflow.mode must be 'embedded' or 'remote', not '" + mode + "'");
    }
  }

  private static boolean isBlank(final String value) {
    return value == null || value.isBlank();
  }
}
