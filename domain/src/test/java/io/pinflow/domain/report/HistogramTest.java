package io.pinflow.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class HistogramTest {

  private static final long QUARTER_HOUR = 900;

  @Test
  void theNinetiethPercentileIsTheUpperEdgeOfTheBucketHoldingTheNearestRank() {
    final Histogram histogram = new Histogram(QUARTER_HOUR);
    // ten values, one per hour from 1 h to 10 h, each at the start of its bucket
    for (int hour = 1; hour <= 10; hour++) {
      histogram.add(hour * 4L, 1);
    }

    assertThat(histogram.percentileHours(0.9)).isEqualByComparingTo("9.25");
    assertThat(histogram.percentileHours(0.5)).isEqualByComparingTo("5.25");
    assertThat(histogram.percentileHours(1.0)).isEqualByComparingTo("10.25");
  }

  @Test
  void countsInOneBucketAreRankedTogether() {
    final Histogram histogram = new Histogram(QUARTER_HOUR);
    histogram.add(2, 89);
    histogram.add(40, 11);

    assertThat(histogram.percentileHours(0.89)).isEqualByComparingTo("0.75");
    assertThat(histogram.percentileHours(0.9)).isEqualByComparingTo("10.25");
  }

  @Test
  void anEmptyHistogramHasNoPercentile() {
    assertThat(new Histogram(QUARTER_HOUR).percentileHours(0.9)).isNull();
  }

  @Test
  void aSingleValueIsItsOwnPercentile() {
    final Histogram histogram = new Histogram(QUARTER_HOUR);
    histogram.add(0, 1);

    assertThat(histogram.percentileHours(0.9)).isEqualTo(new BigDecimal("0.25"));
  }

  @Test
  void anEncodedHistogramAddsBackToTheSameCounts() {
    final Histogram histogram = new Histogram(QUARTER_HOUR);
    histogram.add(40, 11);
    histogram.add(2, 89);
    histogram.add(2, 1);

    assertThat(histogram.encode()).isEqualTo("2:90 40:11");
    final Histogram copy = new Histogram(QUARTER_HOUR);
    copy.addEncoded(histogram.encode());
    copy.addEncoded("");
    assertThat(copy.encode()).isEqualTo("2:90 40:11");
    assertThat(copy.percentileHours(0.89)).isEqualByComparingTo("0.75");
    assertThat(copy.percentileHours(0.9)).isEqualByComparingTo("10.25");
  }

  @Test
  void mergedHistogramsRankTheirCountsTogether() {
    final Histogram day = new Histogram(QUARTER_HOUR);
    day.add(2, 89);
    final Histogram other = new Histogram(QUARTER_HOUR);
    other.add(40, 11);
    day.addAll(other);

    assertThat(day.encode()).isEqualTo("2:89 40:11");
    assertThat(day.percentileHours(0.9)).isEqualByComparingTo("10.25");
  }

  @Test
  void garbageIsNotReadAsAHistogram() {
    final Histogram histogram = new Histogram(QUARTER_HOUR);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> histogram.addEncoded("2-90"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
