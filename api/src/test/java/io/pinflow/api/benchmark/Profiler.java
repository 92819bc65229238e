package io.pinflow.api.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one part ({@code -Dbenchmark.jfr=true} or a list of parts), with JFR's {@code
 * profile} settings, written to {@code jfr/<part>.jfr} in the work folder. The part's details get
 * the hottest methods from its execution samples: where the CPU went (top frames) and which Pinflow
 * code was on the stack. Look further with {@code jfr print --events jdk.ExecutionSample} or JDK
 * Mission Control.
 */
final class Profiler {

  private static final int TOP = 15;
  private static final String OWN_CODE = "io.pinflow.";

  private final Recording recording;
  private final Path file;

  private Profiler(final Recording recording, final Path file) {
    this.recording = recording;
    this.file = file;
  }

  /** Records nothing. */
  static Profiler none() {
    return new Profiler(null, null);
  }

  /** Starts recording when the settings ask for this part; otherwise records nothing. */
  static Profiler start(final BenchmarkSettings settings, final String part) {
    if (!settings.profiles(part)) {
      return none();
    }
    try {
      final Path file =
          Files.createDirectories(settings.workDir().resolve("jfr")).resolve(part + ".jfr");
      final Recording recording = new Recording(Configuration.getConfiguration("profile"));
      recording.setName("benchmark-" + part);
      recording.setToDisk(true);
      recording.start();
      return new Profiler(recording, file);
    } catch (final IOException | ParseException e) {
      throw new IllegalStateException("cannot start a JFR recording", e);
    }
  }

  /** Stops the recording, writes it and adds its hot methods to the part's details. */
  void stop(final PartResult result) {
    if (recording == null) {
      return;
    }
    try {
      recording.stop();
      recording.dump(file);
      recording.close();
      result.detail("").detail("JFR recording: `" + file + "`").detail("");
      describeHotMethods(file, result);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write the JFR recording " + file, e);
    }
  }

  /** The hottest methods of a recording, as tables in the part's details. */
  static void describeHotMethods(final Path file, final PartResult result) throws IOException {
    final Map<String, Integer> topFrames = new HashMap<>();
    final Map<String, Integer> ownFrames = new HashMap<>();
    final Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        final RecordedEvent event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        final RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        final List<RecordedFrame> frames = stack.getFrames();
        topFrames.merge(name(frames.getFirst()), 1, Integer::sum);
        frames.stream()
            .map(Profiler::name)
            .filter(name -> name.startsWith(OWN_CODE))
            .findFirst()
            .ifPresent(name -> ownFrames.merge(name, 1, Integer::sum));
        final var thread = event.getThread("sampledThread");
        threads.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1, Integer::sum);
      }
    }
    result.detail("Execution samples: " + samples);
    table(result, "Top frames (where the CPU was)", topFrames, samples);
    table(result, "Innermost Pinflow method on the stack", ownFrames, samples);
    table(result, "Threads (numbers stripped)", threads, samples);
  }

  private static void table(
      final PartResult result,
      final String title,
      final Map<String, Integer> counts,
      final int samples) {
    result.detail("").detail("| " + title + " | samples | share |").detail("|---|---:|---:|");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(TOP)
        .forEach(
            e ->
                result.detail(
                    "| `%s` | %d | %s %% |"
                        .formatted(
                            e.getKey(),
                            e.getValue(),
                            Figure.number(100.0 * e.getValue() / Math.max(1, samples), 1))));
  }

  private static String name(final RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static String threadGroup(final String name) {
    return name == null ? "?" : name.replaceAll("\\d+", "#");
  }
}
