package io.pinflow.api.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A generated order history through {@code POST /api/admin/sample-data}, waited for. */
final class SampleHistory {

  private SampleHistory() {}

  /** Generates the history and describes what was written. */
  static String generate(final Http http, final int months, final int ordersPerDay, final long seed)
      throws InterruptedException {
    final Map<String, Object> request =
        Map.of("months", months, "ordersPerDay", ordersPerDay, "seed", seed);
    final String jobId =
        http.post("/api/admin/sample-data", request).expect(202).json().path("jobId").asText();
    Benchmarks.print("  generating sample data: job " + jobId + " " + request);
    while (true) {
      Thread.sleep(2_000);
      final JsonNode job = http.get("/api/admin/sample-data/" + jobId).expect(200).json();
      final String status = job.path("status").asText();
      if (status.equals("FAILED")) {
        throw new IllegalStateException("sample data failed: " + job.path("error").asText());
      }
      if (status.equals("DONE")) {
        return String.format(
            "%d orders and %d after-sales cases in %.1f s (months %d, ordersPerDay %d, seed %d)",
            job.path("ordersWritten").asLong(),
            job.path("afterSalesWritten").asLong(),
            job.path("elapsedMs").asLong() / 1000.0,
            months,
            ordersPerDay,
            seed);
      }
    }
  }
}
