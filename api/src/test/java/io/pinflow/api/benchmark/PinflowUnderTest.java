package io.pinflow.api.benchmark;

import io.pinflow.PinflowApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pinflow in embedded mode inside the benchmark's JVM, as {@code java -jar} would run it, on free
 * ports with its own data folder: the real engine, MariaDB, Camel routes and simulators over HTTP.
 * The simulated WMS and PDD react at once (no ship or delivery delay), the benchmark's user {@code
 * admin} has no API rate limit, and the application logs to a file beside its data folder (errors
 * also to the console).
 */
final class PinflowUnderTest implements AutoCloseable {

  static final String ADMIN_PASSWORD = "benchmark-admin-password";

  private final ConfigurableApplicationContext context;
  private final Path dataDir;
  private final Duration startup;

  private PinflowUnderTest(
      final ConfigurableApplicationContext context, final Path dataDir, final Duration startup) {
    this.context = context;
    this.dataDir = dataDir;
    this.startup = startup;
  }

  /**
   * Starts the application on {@code dataDir}; {@code fresh} empties the folder first, apart from
   * the unpacked MariaDB binaries, and starts a new log.
   */
  static PinflowUnderTest start(
      final Path dataDir, final boolean fresh, final List<String> extraArguments) {
    final Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    if (fresh) {
      emptyKeepingBinaries(dataDir);
      try {
        Files.deleteIfExists(log);
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    final List<String> arguments =
        new ArrayList<>(
            List.of(
                "--pinflow.mode=embedded",
                "--pinflow.embedded.data-dir=" + dataDir,
                "--pinflow.embedded.engine.port=0",
                "--pinflow.embedded.engine.rest-port=0",
                "--pinflow.embedded.database.port=0",
                "--pinflow.admin-password=" + ADMIN_PASSWORD,
                "--pinflow.sample-data.generate=false",
                "--pinflow.api.rate-limit.callers.admin=0/0",
                "--pinflow.simulator.wms.ship-delay=0ms",
                "--pinflow.simulator.pdd.deliver-delay=0ms",
                "--pinflow.simulator.pdd.review-delay=0ms",
                "--pinflow.simulator.buyer.return-delay=0ms",
                "--server.port=0",
                "--logging.file.name=" + log,
                "--logging.threshold.console=error"));
    arguments.addAll(extraArguments);
    final long begin = System.nanoTime();
    final ConfigurableApplicationContext context =
        new SpringApplicationBuilder(PinflowApplication.class)
            .initializers(
                c ->
                    c.getBeanFactory()
                        .registerSingleton("benchmarkLeavesOutTestHelpers", new TestHelpers()))
            // as command-line arguments: they outrank application.yml and the environment
            .run(arguments.toArray(String[]::new));
    return new PinflowUnderTest(context, dataDir, Duration.ofNanos(System.nanoTime() - begin));
  }

  String baseUrl() {
    return "http://127.0.0.1:"
        + context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  <T> T bean(final Class<T> type) {
    return context.getBean(type);
  }

  JdbcClient jdbc() {
    return context.getBean(JdbcClient.class);
  }

  Path dataDir() {
    return dataDir;
  }

  Duration startup() {
    return startup;
  }

  /** The embedded MariaDB server, a child process of this JVM. */
  static Optional<ProcessHandle> database() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
        .findFirst();
  }

  @Override
  public void close() {
    context.close();
  }

  private static void emptyKeepingBinaries(final Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return;
    }
    final Path binaries = dataDir.resolve("mariadb").resolve("base");
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(dataDir) && !path.startsWith(binaries) && !binaries.startsWith(path)) {
          Files.delete(path);
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot empty " + dataDir, e);
    }
  }

  /** The test helpers on the test classpath are no part of the application. */
  static final class TestHelpers extends TypeExcludeFilter {

    @Override
    public boolean match(final MetadataReader reader, final MetadataReaderFactory factory) {
      return reader.getClassMetadata().getClassName().startsWith("io.pinflow.api.testing.");
    }

    @Override
    public boolean equals(final Object other) {
      return other instanceof TestHelpers;
    }

    @Override
    public int hashCode() {
      return TestHelpers.class.hashCode();
    }
  }
}
