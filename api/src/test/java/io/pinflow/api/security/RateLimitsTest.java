package io.pinflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private final AtomicLong nanos = new AtomicLong();
  private final RateLimits limits =
      new RateLimits(
          RateLimits.Rate.parse("2/4"), Map.of("erp", RateLimits.Rate.parse("0/0")), nanos::get);

  @Test
  void aBurstIsAllowedThenTheCallerWaitsForTheRefill() {
    for (int i = 0; i < 4; i++) {
      assertThat(limits.take("lina").allowed()).isTrue();
    }
    final RateLimits.Decision refused = limits.take("lina");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    nanos.addAndGet(500_000_000L);
    assertThat(limits.take("lina").allowed()).isTrue();
    assertThat(limits.take("lina").allowed()).isFalse();
  }

  @Test
  void callersHaveTheirOwnBuckets() {
    for (int i = 0; i < 4; i++) {
      limits.take("lina");
    }

    assertThat(limits.take("lina").allowed()).isFalse();
    assertThat(limits.take("wei").allowed()).isTrue();
  }

  @Test
  void aCallerWithRateZeroIsNotLimited() {
    for (int i = 0; i < 1000; i++) {
      assertThat(limits.take("erp").allowed()).isTrue();
    }
  }

  @Test
  void theBucketNeverHoldsMoreThanItsBurst() {
    nanos.addAndGet(3_600_000_000_000L);
    for (int i = 0; i < 4; i++) {
      assertThat(limits.take("lina").allowed()).isTrue();
    }
    assertThat(limits.take("lina").allowed()).isFalse();
  }

  @Test
  void aRateIsPerSecondSlashBurst() {
    assertThat(RateLimits.Rate.parse(" 20 / 50 ")).isEqualTo(new RateLimits.Rate(20, 50));
    assertThatThrownBy(() -> RateLimits.Rate.parse("20"))
        .hasMessageContaining("<per second>/<burst>");
  }
}
