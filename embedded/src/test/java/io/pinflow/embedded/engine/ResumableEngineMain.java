package io.pinflow.embedded.engine;

import java.nio.file.Path;

/**
 * An engine whose state and log stay in a folder, in a JVM of its own, for tests that kill it:
 * {@code ResumableEngineMain <folder> <port> <rest-port>}. Prints {@code READY resumed=<bool>} once
 * the gateway listens, then runs until killed.
 */
public final class ResumableEngineMain {

  private ResumableEngineMain() {}

  public static void main(final String[] args) throws InterruptedException {
    final EmbeddedEngine engine =
        EmbeddedEngine.onLoopback(
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            EngineState.of("rocksdb", Path.of(args[0]), true));
    engine.start();
    System.out.println("READY resumed=" + engine.resumed() + " run=" + engine.runId());
    System.out.flush();
    Thread.currentThread().join();
  }
}
