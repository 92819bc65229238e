package io.pinflow.connectors.pdd;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-name settings of the PDD connector: requests per second per API ({@code
 * pinflow.pdd.rate-limits.pdd.goods.add=20}) and the platform's logistics id per carrier code
 * ({@code pinflow.pdd.logistics-ids.SF=44}).
 */
@ConfigurationProperties("pinflow.pdd")
public record PddMaps(Map<String, Double> rateLimits, Map<String, String> logisticsIds) {

  public PddMaps {
    rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
    logisticsIds = logisticsIds == null ? Map.of() : Map.copyOf(logisticsIds);
  }
}
