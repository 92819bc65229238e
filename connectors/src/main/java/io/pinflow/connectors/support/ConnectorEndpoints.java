package io.pinflow.connectors.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the external systems are. Unset addresses mean the built-in simulators on this
 * application's own port (embedded mode), reached over real HTTP like the real systems.
 */
@Component
public class ConnectorEndpoints {

  private final Environment environment;
  private final String pddRouterUrl;
  private final String wmsBaseUrl;

  public ConnectorEndpoints(
      final Environment environment,
      @Value("${pinflow.pdd.router-url:}") final String pddRouterUrl,
      @Value("${pinflow.wms.base-url:}") final String wmsBaseUrl) {
    this.environment = environment;
    this.pddRouterUrl = pddRouterUrl;
    this.wmsBaseUrl = wmsBaseUrl;
  }

  public String pddRouter() {
    return pddRouterUrl.isBlank() ? self() + "/simulator/pdd/router" : pddRouterUrl;
  }

  public String wmsBase() {
    return wmsBaseUrl.isBlank() ? self() + "/simulator/wms" : stripSlash(wmsBaseUrl);
  }

  /** This application's own address, for the simulators' callbacks. */
  public String self() {
    final String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    return "http://127.0.0.1:" + port;
  }

  private static String stripSlash(final String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
