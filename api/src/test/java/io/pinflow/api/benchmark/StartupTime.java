package io.pinflow.api.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up of the embedded default as people run it: {@code java -jar pinflow.jar} in a new JVM
 * (the JDK the benchmark runs on, no extra options), timed from launching the process until {@code
 * GET /actuator/health} answers UP. The first run starts on an empty data folder (MariaDB unpacked
 * and installed, the schema migrated); the later ones reuse it, as every start after the first
 * does.
 */
final class StartupTime {

  static final String PART = "startup";
  private static final Pattern STARTED =
      Pattern.compile("Started PinflowApplication in ([\\d.]+) seconds");

  private StartupTime() {}

  record Run(int number, Duration toHealthy, String springReported) {}

  static PartResult run(final BenchmarkSettings settings) throws IOException, InterruptedException {
    final BenchmarkSettings.Startup startup = settings.startup();
    final PartResult result = new PartResult(PART);
    if (!Files.isRegularFile(startup.jar())) {
      result.info(
          "start-up", "not measured: " + startup.jar() + " is missing (build with package)");
      return result;
    }
    final Path dataDir = settings.workDir().resolve("data-startup");
    deleteRecursively(dataDir);
    final String java = ProcessHandle.current().info().command().orElse("java");
    final List<Run> runs =
        series(
            settings,
            "startup",
            "run",
            number -> javaJar(java, recording(settings, number), startup),
            Map.of(),
            dataDir);
    if (settings.profiles(PART)) {
      final Path last =
          settings.workDir().resolve("jfr").resolve("startup-run-" + runs.size() + ".jfr");
      if (Files.exists(last)) {
        result
            .detail("")
            .detail("JFR recording of the last run (start to stop): `" + last + "`")
            .detail("");
        Profiler.describeHotMethods(last, result);
        result.detail("");
      }
    }
    result.info(
        "java -jar to health UP, first start (empty data folder)",
        seconds(runs.getFirst().toHealthy()) + " s");
    final LaterStarts javaJar = LaterStarts.of(runs);
    // the target is held against the launcher below, the embedded default's start
    result.info(javaJar.name("java -jar"), javaJar.value());
    result
        .detail("`" + java + " -jar " + startup.jar() + "`, data folder `" + dataDir + "`.")
        .detail("")
        .detail("| run | to health UP s | Spring's \"Started … in\" s |")
        .detail("|---:|---:|---:|");
    runs.forEach(
        run ->
            result.detail(
                "| %d | %s | %s |"
                    .formatted(run.number(), seconds(run.toHealthy()), run.springReported())));
    launcher(settings, startup, java, dataDir, result);
    return result;
  }

  /**
   * The same starts through the checkout's launcher {@code ./pinflow}: on a JDK 25 an extracted
   * copy of the jar with an ahead-of-time class cache, made by the first start after a build.
   */
  private static void launcher(
      final BenchmarkSettings settings,
      final BenchmarkSettings.Startup startup,
      final String java,
      final Path dataDir,
      final PartResult result)
      throws IOException, InterruptedException {
    final Path target = startup.jar().toAbsolutePath().getParent();
    final Path root = target.getParent().getParent();
    final Path script = root.resolve("pinflow");
    if (!Files.isExecutable(script)
        || !startup.jar().toAbsolutePath().equals(root.resolve("api/target/pinflow.jar"))) {
      result.info("./pinflow", "not measured: no launcher beside " + startup.jar());
      return;
    }
    // as after a build: the launcher extracts the jar and makes its class cache again
    deleteRecursively(target.resolve("pinflow-run"));
    final String javaHome = Path.of(java).getParent().getParent().toString();
    final List<Run> runs =
        series(
            settings,
            "startup-launcher",
            "./pinflow run",
            number -> List.of(script.toString()),
            Map.of("JAVA_HOME", javaHome),
            dataDir);
    result.info(
        "./pinflow to health UP, first start after a build (extracts the jar, trains the class"
            + " cache)",
        seconds(runs.getFirst().toHealthy()) + " s");
    final LaterStarts later = LaterStarts.of(runs);
    result.judged(
        later.name("./pinflow"),
        later.value(),
        "≤ 10 s",
        later.median().compareTo(Duration.ofSeconds(10)) <= 0);
    result
        .detail("")
        .detail(
            "`./pinflow` with `JAVA_HOME="
                + javaHome
                + "`: the extracted jar with an ahead-of-time class cache (JDK 25), same data"
                + " folder.");
  }

  /** The configured number of starts, one after the other, each printed as it ends. */
  private static List<Run> series(
      final BenchmarkSettings settings,
      final String name,
      final String label,
      final IntFunction<List<String>> command,
      final Map<String, String> environment,
      final Path dataDir)
      throws IOException, InterruptedException {
    final BenchmarkSettings.Startup startup = settings.startup();
    final List<Run> runs = new ArrayList<>();
    try (HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build()) {
      for (int number = 1; number <= startup.runs(); number++) {
        final Run run =
            launch(
                number,
                name,
                command.apply(number),
                environment,
                startup,
                dataDir,
                settings.workDir(),
                http);
        runs.add(run);
        Benchmarks.print(
            "  %s %d: health UP after %s s (Spring: %s)"
                .formatted(label, number, seconds(run.toHealthy()), run.springReported()));
      }
    }
    return runs;
  }

  /** Where the JFR recording of a start goes, when the part is profiled. */
  private static Path recording(final BenchmarkSettings settings, final int number) {
    if (!settings.profiles(PART)) {
      return null;
    }
    try {
      return Files.createDirectories(settings.workDir().resolve("jfr"))
          .resolve("startup-run-" + number + ".jfr");
    } catch (final IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The starts after the first (which prepares the data folder or the class cache). */
  private record LaterStarts(List<Run> runs, Duration median) {

    static LaterStarts of(final List<Run> all) {
      final List<Run> later = all.size() > 1 ? all.subList(1, all.size()) : all;
      final List<Duration> sorted = later.stream().map(Run::toHealthy).sorted().toList();
      return new LaterStarts(later, sorted.get((sorted.size() - 1) / 2));
    }

    String name(final String how) {
      return "%s to health UP, later starts (median of %d)".formatted(how, runs.size());
    }

    String value() {
      return seconds(median)
          + " s ("
          + String.join(", ", runs.stream().map(r -> seconds(r.toHealthy())).toList())
          + ")";
    }
  }

  /** {@code java [-XX:StartFlightRecording…] -jar <jar>}: the plain start of the jar. */
  private static List<String> javaJar(
      final String java, final Path recording, final BenchmarkSettings.Startup startup) {
    final List<String> command = new ArrayList<>(List.of(java));
    if (recording != null) {
      // the whole life of the JVM, written when it exits
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
    }
    command.addAll(List.of("-jar", startup.jar().toString()));
    return command;
  }

  private static Run launch(
      final int number,
      final String name,
      final List<String> start,
      final Map<String, String> environment,
      final BenchmarkSettings.Startup startup,
      final Path dataDir,
      final Path workDir,
      final HttpClient http)
      throws IOException, InterruptedException {
    final int port = freePort();
    final Path log = workDir.resolve(name + "-run-" + number + ".log");
    final List<String> command = new ArrayList<>(start);
    command.addAll(
        List.of(
            "--pinflow.embedded.data-dir=" + dataDir,
            "--server.port=" + port,
            "--pinflow.embedded.engine.port=0",
            "--pinflow.embedded.engine.rest-port=0",
            "--pinflow.embedded.database.port=0",
            "--pinflow.admin-password=" + PinflowUnderTest.ADMIN_PASSWORD));
    final ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    final long begin = System.nanoTime();
    final Process process = builder.start();
    final Duration toHealthy;
    try {
      toHealthy = awaitHealthy(process, port, begin, startup.timeout(), http, log);
    } finally {
      stop(process);
    }
    // read once stopped: Spring may log its start-up line after health already answers
    return new Run(number, toHealthy, springReported(log));
  }

  private static Duration awaitHealthy(
      final Process process,
      final int port,
      final long begin,
      final Duration timeout,
      final HttpClient http,
      final Path log)
      throws InterruptedException {
    final HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    final long deadline = begin + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Pinflow exited during start-up; see " + log);
      }
      try {
        final HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("\"status\":\"UP\"")) {
          return Duration.ofNanos(System.nanoTime() - begin);
        }
      } catch (final IOException notListeningYet) {
        // the web server is not up yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "health not UP within " + BenchmarkSettings.text(timeout) + "; see " + log);
  }

  /** Stops Pinflow as an operator would (SIGTERM), and what it started if it does not. */
  private static void stop(final Process process) throws InterruptedException {
    final List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
  }

  private static String springReported(final Path log) throws IOException {
    final Matcher matcher = STARTED.matcher(Files.readString(log));
    return matcher.find() ? matcher.group(1) : "-";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String seconds(final Duration duration) {
    return Figure.number(duration.toMillis() / 1000.0, 1);
  }

  static void deleteRecursively(final Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
