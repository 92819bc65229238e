package io.pinflow.api.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's ceiling: completed instances a second of no-op processes of 0, 1, 10 service tasks
 * (as set), on the application's engine with the application running beside it. The sizes take
 * turns in slices, round after round, each round starting with another size, so that the noise of a
 * shared machine spreads over all of them.
 */
final class EngineCeiling {

  static final String PART = "engine";

  private EngineCeiling() {}

  /** What one process size did over all its slices. */
  static final class Tally {
    long completed;
    long paidFor;
    long failed;
    long elapsedNanos;
    ResourceMeter.Usage usage = ResourceMeter.Usage.none();
    final List<Double> rates = new ArrayList<>();

    void add(final NoOpProcesses.Slice slice, final ResourceMeter.Usage used) {
      completed += slice.completed();
      paidFor += slice.total();
      failed += slice.failed();
      elapsedNanos += slice.elapsed().toNanos();
      usage = usage.plus(used);
      rates.add(slice.perSecond());
    }

    double perSecond() {
      return completed / (elapsedNanos / 1e9);
    }

    String rounds() {
      return rates.stream().map(r -> Figure.number(r, 1)).toList().toString();
    }
  }

  static PartResult run(final BenchmarkSettings settings, final NoOpProcesses processes) {
    final BenchmarkSettings.Engine engine = settings.engine();
    final PartResult result = new PartResult(PART);
    final Map<Integer, String> processIds = new LinkedHashMap<>();
    for (final int tasks : engine.serviceTasks()) {
      processIds.put(tasks, processes.deploy(tasks));
    }
    for (final String processId : processIds.values()) {
      processes.run(processId, engine.slice().dividedBy(2), engine.inFlight());
    }
    final Map<Integer, Tally> tallies = new LinkedHashMap<>();
    processIds.keySet().forEach(tasks -> tallies.put(tasks, new Tally()));
    final List<Integer> sizes = new ArrayList<>(processIds.keySet());
    for (int round = 0; round < engine.rounds(); round++) {
      for (int i = 0; i < sizes.size(); i++) {
        final int tasks = sizes.get((i + round) % sizes.size());
        final ResourceMeter.Sample before = ResourceMeter.sample();
        final NoOpProcesses.Slice slice =
            processes.run(processIds.get(tasks), engine.slice(), engine.inFlight());
        final ResourceMeter.Usage used = ResourceMeter.between(before, ResourceMeter.sample());
        tallies.get(tasks).add(slice, used);
        Benchmarks.print(
            "  round %d, %d task(s): %s instances/s"
                .formatted(round + 1, tasks, Figure.number(slice.perSecond(), 1)));
      }
    }

    final Tally empty = tallies.get(0);
    for (final var entry : tallies.entrySet()) {
      final Tally tally = entry.getValue();
      result.info(
          entry.getKey() + " service task(s): completed instances/s",
          Figure.number(tally.perSecond(), 1)
              + (empty != null && entry.getKey() != 0
                  ? " (" + Figure.number(tally.perSecond() / empty.perSecond(), 2) + "× 0 tasks)"
                  : ""));
      result.info(
          entry.getKey() + " service task(s): cost per instance",
          tally.usage.perUnit(tally.paidFor, "instance"));
    }
    result
        .detail("No-op workers with the settings of `" + NoOpProcesses.TEMPLATE_JOB_TYPE + "`: ")
        .detail(processes.workerSettings() + ".")
        .detail(
            "Closed loop: at most %d instances created (with result) at once; %d round(s) of %s slices."
                .formatted(
                    engine.inFlight(), engine.rounds(), BenchmarkSettings.text(engine.slice())))
        .detail("")
        .detail("| service tasks | instances/s | per slice | CPU cores used | failed |")
        .detail("|---:|---:|---|---:|---:|");
    tallies.forEach(
        (tasks, tally) ->
            result.detail(
                "| %d | %s | %s | %s | %d |"
                    .formatted(
                        tasks,
                        Figure.number(tally.perSecond(), 1),
                        tally.rounds(),
                        Figure.number(tally.usage.cores(), 2),
                        tally.failed)));
    return result;
  }
}
