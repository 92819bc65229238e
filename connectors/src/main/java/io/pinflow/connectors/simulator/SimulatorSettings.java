package io.pinflow.connectors.simulator;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How fast the simulated systems react; the defaults keep a demo order's whole life under a minute.
 * Tests and benchmarks change them at run time.
 */
@Component
public class SimulatorSettings {

  private volatile Duration wmsShipDelay;
  private volatile Duration deliverDelay;
  private volatile Duration reviewDelay;
  private volatile Duration returnDelay;
  private final Duration memoryWindow;

  public SimulatorSettings(
      @Value("${pinflow.simulator.wms.ship-delay:PT3S}") final Duration wmsShipDelay,
      @Value("${pinflow.simulator.pdd.deliver-delay:PT5S}") final Duration deliverDelay,
      @Value("${pinflow.simulator.pdd.review-delay:PT3S}") final Duration reviewDelay,
      @Value("${pinflow.simulator.buyer.return-delay:PT3S}") final Duration returnDelay,
      @Value("${pinflow.simulator.memory-window:PT2M}") final Duration memoryWindow) {
    this.wmsShipDelay = wmsShipDelay;
    this.deliverDelay = deliverDelay;
    this.reviewDelay = reviewDelay;
    this.returnDelay = returnDelay;
    if (memoryWindow.isNegative()) {
      throw new IllegalArgumentException(
          "pinflow.simulator.memory-window must not be negative: " + memoryWindow);
    }
    this.memoryWindow = memoryWindow;
  }

  /**
   * How long the simulated systems keep a record in memory after its last change; older ones are
   * read back from their table when asked for.
   */
  public Duration memoryWindow() {
    return memoryWindow;
  }

  public Duration wmsShipDelay() {
    return wmsShipDelay;
  }

  public Duration deliverDelay() {
    return deliverDelay;
  }

  public Duration reviewDelay() {
    return reviewDelay;
  }

  public Duration returnDelay() {
    return returnDelay;
  }

  public void wmsShipDelay(final Duration delay) {
    this.wmsShipDelay = delay;
  }

  public void deliverDelay(final Duration delay) {
    this.deliverDelay = delay;
  }

  public void reviewDelay(final Duration delay) {
    this.reviewDelay = delay;
  }

  public void returnDelay(final Duration delay) {
    this.returnDelay = delay;
  }
}
