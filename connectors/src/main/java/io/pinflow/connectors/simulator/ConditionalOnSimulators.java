package io.pinflow.connectors.simulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The built-in PDD, WMS and buyer simulators exist in embedded mode, and in remote mode only when
 * {@code pinflow.simulator.enabled=true} (a staging system or a test without the real platforms).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnSimulators.OnSimulators.class)
public @interface ConditionalOnSimulators {

  /** The property that switches the simulators on in remote mode. */
  String ENABLED = "pinflow.simulator.enabled";

  /** Embedded mode, or the simulators asked for. */
  final class OnSimulators extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(
        final ConditionContext context, final AnnotatedTypeMetadata metadata) {
      final Environment environment = context.getEnvironment();
      final String mode = environment.getProperty("pinflow.mode", "embedded").strip();
      if (mode.equalsIgnoreCase("embedded")) {
        return ConditionOutcome.match("simulators: embedded mode");
      }
      if (environment.getProperty(ENABLED, "false").strip().equalsIgnoreCase("true")) {
        return ConditionOutcome.match("simulators: " + ENABLED + "=true in " + mode + " mode");
      }
      return ConditionOutcome.noMatch("simulators: " + mode + " mode without " + ENABLED + "=true");
    }
  }
}
