package io.pinflow.api.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.spring.event.CamundaClientCreatedSpringEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
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

  public ModelDeployer(final DeployedModels deployedModels) {
    this.deployedModels = deployedModels;
  }

  @EventListener
  public void deployOnClientCreated(final CamundaClientCreatedSpringEvent event) {
    final List<Resource> models = findModels();
    if (models.isEmpty()) {
      throw new IllegalStateException("no models found under classpath:models/");
    }
    final DeploymentEvent deployment = deploy(event.getClient(), models);
    deployedModels.register(deployment);
    LOG.info(
        "Deployed {} processes, {} decisions, {} forms: {}",
        deployment.getProcesses().size(),
        deployment.getDecisions().size(),
        deployment.getForm().size(),
        deployment.getProcesses().stream()
            .map(p -> p.getBpmnProcessId() + " v" + p.getVersion())
            .toList());
  }

  private static DeploymentEvent deploy(final CamundaClient client, final List<Resource> models) {
    try {
      final var first = models.getFirst();
      var command =
          client.newDeployResourceCommand().addResourceStream(read(first), first.getFilename());
      for (final Resource model : models.subList(1, models.size())) {
        command = command.addResourceStream(read(model), model.getFilename());
      }
      return command.requestTimeout(Duration.ofSeconds(30)).send().join();
    } catch (final RuntimeException e) {
      throw new IllegalStateException("deploying the models failed: " + e.getMessage(), e);
    }
  }

  private static InputStream read(final Resource resource) {
    try {
      return resource.getInputStream();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
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
