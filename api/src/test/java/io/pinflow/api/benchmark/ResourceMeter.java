package io.pinflow.api.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time and allocation of the application while a part runs: the JVM's process CPU time ({@code
 * com.sun.management.OperatingSystemMXBean}), the embedded MariaDB server's (a child process),
 * bytes allocated by all threads ({@code com.sun.management.ThreadMXBean}), GC counts. The
 * benchmark's own load-driving threads ({@code benchmark-…} and the HTTP client's) are measured
 * separately so that they can be left out of the application's share.
 */
final class ResourceMeter {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Counters at one moment. */
  record Sample(
      long nanos,
      long jvmCpuNanos,
      long databaseCpuNanos,
      long allocatedBytes,
      long driverCpuNanos,
      long driverAllocatedBytes,
      long gcCount,
      long gcMillis) {}

  /** What was spent between two samples. */
  record Usage(
      Duration elapsed,
      long jvmCpuNanos,
      long databaseCpuNanos,
      long allocatedBytes,
      long driverCpuNanos,
      long driverAllocatedBytes,
      long gcCount,
      long gcMillis) {

    /** CPU of the application (JVM less the load driver, plus MariaDB), in milliseconds. */
    double applicationCpuMillis() {
      return (jvmCpuNanos - driverCpuNanos + databaseCpuNanos) / 1e6;
    }

    double applicationAllocatedBytes() {
      return allocatedBytes - driverAllocatedBytes;
    }

    /** Share of the machine's cores the application used. */
    double cores() {
      return (jvmCpuNanos - driverCpuNanos + databaseCpuNanos) / (double) elapsed.toNanos();
    }

    Usage plus(final Usage other) {
      return new Usage(
          elapsed.plus(other.elapsed),
          jvmCpuNanos + other.jvmCpuNanos,
          databaseCpuNanos + other.databaseCpuNanos,
          allocatedBytes + other.allocatedBytes,
          driverCpuNanos + other.driverCpuNanos,
          driverAllocatedBytes + other.driverAllocatedBytes,
          gcCount + other.gcCount,
          gcMillis + other.gcMillis);
    }

    static Usage none() {
      return new Usage(Duration.ZERO, 0, 0, 0, 0, 0, 0, 0);
    }

    /** e.g. {@code 12.3 CPU-ms and 4.5 MB allocated per order}, or blank for no units. */
    String perUnit(final long units, final String unit) {
      if (units <= 0) {
        return "no " + unit + "s completed";
      }
      return "%s CPU-ms and %s KB allocated per %s"
          .formatted(
              Figure.number(applicationCpuMillis() / units, 2),
              Figure.number(applicationAllocatedBytes() / 1024.0 / units, 1),
              unit);
    }
  }

  private ResourceMeter() {}

  static Sample sample() {
    long driverCpu = 0;
    long driverAllocated = 0;
    for (final ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null && isDriver(thread.getThreadName())) {
        driverCpu += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
        driverAllocated += Math.max(0, THREADS.getThreadAllocatedBytes(thread.getThreadId()));
      }
    }
    long gcCount = 0;
    long gcMillis = 0;
    for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    final Optional<ProcessHandle> database = PinflowUnderTest.database();
    final long databaseCpu =
        database.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    return new Sample(
        System.nanoTime(),
        OS.getProcessCpuTime(),
        databaseCpu,
        THREADS.getTotalThreadAllocatedBytes(),
        driverCpu,
        driverAllocated,
        gcCount,
        gcMillis);
  }

  static Usage between(final Sample from, final Sample to) {
    return new Usage(
        Duration.ofNanos(to.nanos() - from.nanos()),
        to.jvmCpuNanos() - from.jvmCpuNanos(),
        Math.max(0, to.databaseCpuNanos() - from.databaseCpuNanos()),
        to.allocatedBytes() - from.allocatedBytes(),
        Math.max(0, to.driverCpuNanos() - from.driverCpuNanos()),
        Math.max(0, to.driverAllocatedBytes() - from.driverAllocatedBytes()),
        to.gcCount() - from.gcCount(),
        to.gcMillis() - from.gcMillis());
  }

  /** Threads that drive load: they must stay alive while measured (pools, not one-offs). */
  private static boolean isDriver(final String name) {
    return name.startsWith("benchmark-") || name.startsWith("HttpClient-");
  }

  /** The machine's load averages (1, 5, 15 minutes), to show how busy it was. */
  static String loadAverage() {
    try {
      final String[] fields =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (final java.io.IOException | RuntimeException e) {
      return Figure.number(OS.getSystemLoadAverage(), 2);
    }
  }
}
