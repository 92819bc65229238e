package io.pinflow.embedded;

import io.pinflow.embedded.database.EmbeddedMariaDb;
import io.pinflow.embedded.engine.EmbeddedEngine;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Embedded mode: starts MariaDB and the Zeebe engine inside the application and makes the data
 * source and the Camunda clients wait for them.
 */
@AutoConfiguration
@ConditionalOnProperty(
    name = EmbeddedMode.PROPERTY,
    havingValue = "embedded",
    matchIfMissing = true)
public class EmbeddedRuntimeAutoConfiguration {

  static final String DATABASE_BEAN = "embeddedMariaDb";
  static final String ENGINE_BEAN = "embeddedZeebeEngine";

  @Bean(name = DATABASE_BEAN, destroyMethod = "")
  EmbeddedMariaDb embeddedMariaDb(final EmbeddedRuntime runtime) {
    return runtime.database();
  }

  @Bean(name = ENGINE_BEAN, destroyMethod = "")
  EmbeddedEngine embeddedZeebeEngine(final EmbeddedRuntime runtime) {
    return runtime.engine();
  }

  /**
   * The incident key of a failed job, which the embedded engine cannot be asked for (no search
   * API). Workers use it to resolve incidents; on a cluster they search over REST instead.
   */
  @Bean(name = "embeddedIncidentKeys")
  LongFunction<OptionalLong> embeddedIncidentKeys(final EmbeddedEngine engine) {
    return engine::incidentKeyOfJob;
  }

  /**
   * Registers a listener for the BPMN models the embedded engine takes, whoever deploys them; the
   * engine cannot list its deployments (no search API). Pinflow checks their job types with it.
   */
  @Bean(name = "embeddedDeployedModels")
  Consumer<BiConsumer<String, byte[]>> embeddedDeployedModels(final EmbeddedEngine engine) {
    return engine::addDeploymentListener;
  }

  /**
   * Registers a listener for the user tasks the embedded engine cancels, so that the task inbox
   * closes them at once instead of at its next sweep.
   */
  @Bean(name = "embeddedCancelledUserTasks")
  Consumer<LongConsumer> embeddedCancelledUserTasks(final EmbeddedEngine engine) {
    return engine::addCancelledTaskListener;
  }

  /** Data sources wait for MariaDB, Camunda clients for the engine. */
  @Bean
  static BeanFactoryPostProcessor embeddedRuntimeStartOrder() {
    return beanFactory -> {
      dependOn(beanFactory, List.of("javax.sql.DataSource"), DATABASE_BEAN);
      dependOn(
          beanFactory,
          List.of("io.camunda.client.CamundaClient", "io.camunda.zeebe.client.ZeebeClient"),
          ENGINE_BEAN);
    };
  }

  private static void dependOn(
      final ConfigurableListableBeanFactory beanFactory,
      final List<String> typeNames,
      final String dependency) {
    final ClassLoader classLoader = beanFactory.getBeanClassLoader();
    for (final String typeName : typeNames) {
      if (!ClassUtils.isPresent(typeName, classLoader)) {
        continue;
      }
      final Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
      for (final String name : beanFactory.getBeanNamesForType(type, true, false)) {
        final BeanDefinition definition = beanFactory.getBeanDefinition(name);
        final Set<String> dependsOn = new LinkedHashSet<>();
        if (definition.getDependsOn() != null) {
          dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
        }
        dependsOn.add(dependency);
        definition.setDependsOn(dependsOn.toArray(String[]::new));
      }
    }
  }
}
