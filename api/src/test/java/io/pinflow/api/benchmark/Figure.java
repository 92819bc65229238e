package io.pinflow.api.benchmark;

/**
 * One measured figure as it appears in the results table: the value as printed, the target it is
 * held against (blank when there is none) and whether it meets it.
 */
record Figure(String part, String name, String value, String target, Verdict verdict) {

  enum Verdict {
    PASS,
    MISS,
    /** No target, or nothing to judge (the part could not measure it). */
    NONE;

    static Verdict of(final boolean met) {
      return met ? PASS : MISS;
    }

    String text() {
      return this == NONE ? "" : name();
    }
  }

  static Figure info(final String part, final String name, final String value) {
    return new Figure(part, name, value, "", Verdict.NONE);
  }

  static Figure judged(
      final String part,
      final String name,
      final String value,
      final String target,
      final boolean met) {
    return new Figure(part, name, value, target, Verdict.of(met));
  }

  String row() {
    return "| %s | %s | %s | %s | %s |".formatted(part, name, value, target, verdict.text());
  }

  static String header() {
    return "| part | figure | value | target | |"
        + System.lineSeparator()
        + "|---|---|---:|---|---|";
  }

  /** A number with thousands separators and the given decimals. */
  static String number(final double value, final int decimals) {
    return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value);
  }
}
