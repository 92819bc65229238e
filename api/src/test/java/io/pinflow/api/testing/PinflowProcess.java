package io.pinflow.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.PinflowApplication;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Pinflow in embedded mode as a process of its own, on the JDK and class path of the tests (the
 * test classes left out): started on a data folder, killed without warning ({@code kill -9}) or
 * stopped, and started again on the same folder. Its output goes to a log file per start.
 */
public final class PinflowProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final int port;
  private final List<String> settings;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private Path log;
  private int starts;

  /**
   * Pinflow on {@code port}, its data (MariaDB and the secret key) in {@code dataDir}, with the
   * given command-line settings at every start.
   */
  public PinflowProcess(final Path dataDir, final int port, final List<String> settings) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.port = port;
    this.settings = List.copyOf(settings);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts Pinflow with {@code extra} settings for this start; returns once it is healthy. */
  public Duration start(final List<String> extra) throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Pinflow is running already");
    }
    starts++;
    log = dataDir.resolveSibling(dataDir.getFileName() + "-run-" + starts + ".log");
    final List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-Xmx1g");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(applicationClassPath());
    command.add(PinflowApplication.class.getName());
    command.add("--server.port=" + port);
    command.add("--pinflow.embedded.data-dir=" + dataDir);
    command.addAll(settings);
    command.addAll(extra);
    final long started = System.nanoTime();
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    awaitHealthy();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** The JVM dies at once, as with {@code kill -9}: no shutdown hook, no flush, no goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Pinflow did not die");
    }
  }

  /** Stops Pinflow as an operator would (SIGTERM), and the MariaDB a kill left behind. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
    stopDatabaseLeftRunning();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** The log of the latest start. */
  public Path log() {
    return log;
  }

  /** The last lines of the latest start's log, for a failure message. */
  public String tail() {
    try {
      final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (final IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** How many lines of the latest start's log contain {@code text}. */
  public long logLines(final String text) throws IOException {
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.contains(text)).count();
    }
  }

  private void awaitHealthy() throws InterruptedException {
    final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Pinflow exited with " + process.exitValue() + " while starting; its log:\n" + tail());
      }
      try {
        final HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200
            && "UP".equals(JSON.readTree(health.body()).path("status").asText())) {
          return;
        }
      } catch (final IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Pinflow not healthy after " + START_TIMEOUT + ":\n" + tail());
  }

  /** A MariaDB whose application was killed keeps running until the next start stops it. */
  private void stopDatabaseLeftRunning() {
    final Path pidFile = dataDir.resolve("mariadb").resolve("mariadb.pid");
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      final String pid = Files.readString(pidFile).strip();
      final Optional<ProcessHandle> server =
          pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
              ? ProcessHandle.of(Long.parseLong(pid))
                  .filter(ProcessHandle::isAlive)
                  .filter(p -> p.info().command().map(c -> c.contains("mariadbd")).orElse(false))
              : Optional.empty();
      if (server.isPresent()) {
        server.get().destroy();
        server.get().onExit().get(60, TimeUnit.SECONDS);
      }
    } catch (final Exception e) {
      // best effort: the next start on this folder stops it anyway
    }
  }

  /** The tests' class path without the test classes: the application as it ships. */
  private static String applicationClassPath() {
    final String testClasses =
        Path.of(PinflowProcess.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toAbsolutePath()
            .normalize()
            .toString();
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            entry -> !Path.of(entry).toAbsolutePath().normalize().toString().equals(testClasses))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
