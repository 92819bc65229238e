package io.pinflow.workers.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.spring.event.CamundaClientCreatedSpringEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN, DMN and form of the {@code processes} module ({@code classpath:models/}) in
 * one deployment as soon as the Camunda client exists. The engine ignores resources that did not
 * change, so a restart does not create new versions.
 */
@Component
public class ModelDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);
  private static final String[] PATTERNS = {
    "classpath*:models/**/*.bpmn", "classpath*:models/**/*.dmn", "classpath*:models/**/*.form"
  };

  private final DeployedModels deployedModels;
  private final ApplicationEventPublisher events;

  public ModelDeployer(
      final DeployedModels deployedModels, final ApplicationEventPublisher events) {
    this.deployedModels = deployedModels;
    this.events = events;
  }

  @EventListener
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public void deployOnClientCreated(final CamundaClientCreatedSpringEvent event) {
    final List<Resource> models = findModels();
    if (models.isEmpty()) {
      throw new IllegalStateException("no models found under classpath:models/");
    }
    final Map<String, byte[]> resources = read(models);
    final DeploymentEvent deployment = deploy(event.getClient(), resources);
    deployedModels.register(deployment, resources);
    events.publishEvent(new ModelsDeployedEvent(deployment.getProcesses().size()));
    LOG.info(
        "Deployed {} processes, {} decisions, {} forms: {}",
        deployment.getProcesses().size(),
        deployment.getDecisions().size(),
        deployment.getForm().size(),
        deployment.getProcesses().stream()
            .map(p -> p.getBpmnProcessId() + " v" + p.getVersion())
            .toList());
  }

  private static DeploymentEvent deploy(
      final CamundaClient client, final Map<String, byte[]> resources) {
    try {
      final var entries = resources.entrySet().iterator();
      final var first = entries.next();
      var command =
          client.newDeployResourceCommand().addResourceBytes(first.getValue(), first.getKey());
      while (entries.hasNext()) {
        final var next = entries.next();
        command = command.addResourceBytes(next.getValue(), next.getKey());
      }
      return command.requestTimeout(Duration.ofSeconds(30)).send().join();
    } catch (final RuntimeException e) {
      throw new IllegalStateException("deploying the models failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, byte[]> read(final List<Resource> models) {
    final Map<String, byte[]> resources = new LinkedHashMap<>();
    for (final Resource model : models) {
      try (InputStream in = model.getInputStream()) {
        resources.put(model.getFilename(), in.readAllBytes());
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot read model " + model.getFilename(), e);
      }
    }
    return resources;
  }

  private static List<Resource> findModels() {
    final var resolver = new PathMatchingResourcePatternResolver();
    try {
      return Arrays.stream(PATTERNS)
          .flatMap(
              pattern -> {
                try {
                  return Arrays.stream(resolver.getResources(pattern));
                } catch (final IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sorted(Comparator.comparing(Resource::getFilename))
          .toList();
    } catch (final UncheckedIOException e) {
      throw new IllegalStateException("cannot read the models on the classpath", e);
    }
  }
}
