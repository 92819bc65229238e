package io.pinflow.api.sample;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * {@code pinflow.sample-data.*}: generate a sample history at start-up (embedded mode only), and
 * the plan's values (unset: the defaults of {@link SamplePlan}).
 */
@ConfigurationProperties("pinflow.sample-data")
record SampleDataProperties(
    boolean generate,
    Integer months,
    Integer ordersPerDay,
    Integer shops,
    Integer skus,
    Long seed,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endDate,
    @DefaultValue("2") int writers) {}
