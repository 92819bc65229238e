package io.pinflow.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConditionalOnSimulatorsTest {

  @ConditionalOnSimulators
  static class Simulator {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withBean(Simulator.class);

  @Test
  void onInEmbeddedMode() {
    runner.run(context -> assertThat(context).hasSingleBean(Simulator.class));
    runner
        .withPropertyValues("pinflow.mode=embedded")
        .run(context -> assertThat(context).hasSingleBean(Simulator.class));
  }

  @Test
  void offInRemoteMode() {
    runner
        .withPropertyValues("pinflow.mode=remote")
        .run(context -> assertThat(context).doesNotHaveBean(Simulator.class));
    runner
        .withPropertyValues("pinflow.mode=remote", "pinflow.simulator.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(Simulator.class));
  }

  @Test
  void onInRemoteModeWhenAskedFor() {
    runner
        .withPropertyValues("pinflow.mode=remote", "pinflow.simulator.enabled=true")
        .run(context -> assertThat(context).hasSingleBean(Simulator.class));
  }
}
