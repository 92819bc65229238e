package io.pinflow.embedded;

import io.pinflow.embedded.database.EmbeddedMariaDb;
import io.pinflow.embedded.engine.EmbeddedEngine;
import io.pinflow.embedded.engine.EngineState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In embedded mode, derives the settings that point the Camunda client and the data source at the
 * in-process engine and MariaDB, resolves port 0 to a free port (tests), and starts both in the
 * background so that they boot while Spring builds the context.
 */
public class EmbeddedRuntimeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "pinflowEmbeddedRuntime";
  static final String RUNTIME_BEAN = "embeddedRuntime";

  @Override
  public void postProcessEnvironment(
      final ConfigurableEnvironment environment, final SpringApplication application) {
    if (!EmbeddedMode.isActive(environment)
        || environment.getPropertySources().contains(SOURCE_NAME)) {
      return;
    }
    final int enginePort = port(environment, "pinflow.embedded.engine.port", 26500);
    final int engineRestPort = port(environment, "pinflow.embedded.engine.rest-port", 26580);
    final int databasePort = port(environment, "pinflow.embedded.database.port", 3307);
    final String schema = environment.getProperty("pinflow.embedded.database.schema", "pinflow");

    final Map<String, Object> derived = new LinkedHashMap<>();
    derived.put("pinflow.embedded.engine.port", enginePort);
    derived.put("pinflow.embedded.engine.rest-port", engineRestPort);
    derived.put("pinflow.embedded.database.port", databasePort);
    derived.put("camunda.client.mode", "self-managed");
    derived.put("camunda.client.grpc-address", "http://127.0.0.1:" + enginePort);
    // the embedded engine's REST API offers the user-task commands
    derived.put("camunda.client.rest-address", "http://127.0.0.1:" + engineRestPort);
    derived.put("camunda.client.prefer-rest-over-grpc", false);
    derived.put("camunda.client.auth.method", "none");
    derived.put("spring.datasource.url", EmbeddedMariaDb.jdbcUrl(databasePort, schema));
    derived.put("spring.datasource.username", "root");
    derived.put("spring.datasource.password", "");
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, derived));
    // defaults that differ from remote mode's, below every configured value
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                SOURCE_NAME + "Defaults",
                // the engine answers a read of a user task from its log up to that moment
                Map.of("pinflow.tasks.visibility-lag", "PT0S")));

    final Path dataDir = Path.of(environment.getProperty("pinflow.embedded.data-dir", "./data"));
    final String engineState = environment.getProperty("pinflow.embedded.engine.state", "rocksdb");
    final boolean resume =
        environment.getProperty("pinflow.embedded.engine.resume", Boolean.class, true);
    application.addInitializers(
        context -> {
          // after logging is set up, before the beans are built
          EmbeddedEngine.requireFreePorts(enginePort, engineRestPort);
          final var state = EngineState.of(engineState, dataDir.resolve("engine"), resume);
          // whether the engine goes on from its last run decides the run its keys belong to
          final EngineState.Opened opened = state.open();
          context
              .getEnvironment()
              .getPropertySources()
              .addFirst(
                  new MapPropertySource(
                      SOURCE_NAME + "Run",
                      Map.of(
                          "pinflow.engine.run-id",
                          opened.runId(),
                          "pinflow.embedded.engine.resumed",
                          opened.resumed())));
          final var runtime =
              EmbeddedRuntime.start(dataDir, databasePort, enginePort, engineRestPort, state);
          final var beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
          beanFactory.registerSingleton(RUNTIME_BEAN, runtime);
          beanFactory.registerDisposableBean(RUNTIME_BEAN, runtime::close);
        });
  }

  private static int port(
      final ConfigurableEnvironment environment, final String key, final int fallback) {
    final int port = environment.getProperty(key, Integer.class, fallback);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          key + " must be a TCP port (0 = any free port), was " + port);
    }
    return port == 0 ? FreePorts.find() : port;
  }

  @Override
  public int getOrder() {
    // after the config files are read
    return Ordered.LOWEST_PRECEDENCE;
  }
}
