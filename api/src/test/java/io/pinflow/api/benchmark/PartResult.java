package io.pinflow.api.benchmark;

import java.util.ArrayList;
import java.util.List;

/** What one part measured: figures for the summary table and a markdown section of details. */
final class PartResult {

  private final String part;
  private final List<Figure> figures = new ArrayList<>();
  private final StringBuilder details = new StringBuilder();

  PartResult(final String part) {
    this.part = part;
  }

  String part() {
    return part;
  }

  /** Adds the figure and prints it at once, so that a long run shows progress. */
  PartResult figure(final Figure figure) {
    figures.add(figure);
    Benchmarks.print("  " + figure.name() + ": " + figure.value() + verdictSuffix(figure));
    return this;
  }

  PartResult info(final String name, final String value) {
    return figure(Figure.info(part, name, value));
  }

  PartResult judged(final String name, final String value, final String target, final boolean met) {
    return figure(Figure.judged(part, name, value, target, met));
  }

  /** A line of the details section (markdown). */
  PartResult detail(final String line) {
    details.append(line).append(System.lineSeparator());
    return this;
  }

  List<Figure> figures() {
    return figures;
  }

  String details() {
    return details.toString();
  }

  private static String verdictSuffix(final Figure figure) {
    return figure.verdict() == Figure.Verdict.NONE
        ? ""
        : "  (target " + figure.target() + ": " + figure.verdict() + ")";
  }
}
