package io.pinflow.connectors.simulator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Runs the simulated systems' delayed reactions (shipping, delivery, reviews). */
@Component
public class SimulatorClock implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorClock.class);

  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2,
          runnable -> {
            final var thread = new Thread(runnable, "simulator");
            thread.setDaemon(true);
            return thread;
          });

  public void after(final Duration delay, final Runnable action) {
    scheduler.schedule(
        () -> {
          try {
            action.run();
          } catch (final RuntimeException e) {
            LOG.warn("Simulated action failed: {}", e.getMessage());
          }
        },
        Math.max(0, delay.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
