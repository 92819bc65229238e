package io.pinflow.api.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Answer;
import io.pinflow.api.testing.TestApi.Caller;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PinflowIntegrationTest
class SampleDataTest {

  private static final String PATH = "/api/admin/sample-data";

  /** A month with 11.11 in it, a year before the tests' other data. */
  private static final Map<String, Object> PLAN =
      Map.of(
          "months", 1,
          "ordersPerDay", 500,
          "shops", 2,
          "skus", 60,
          "seed", 7,
          "endDate", "2025-11-30");

  @Autowired TestApi api;
  @Autowired JdbcClient jdbc;

  @Test
  void generatesAMonthOfHistoryTheSameWayTwiceAndOneJobAtATime() {
    final Answer first = api.post(PATH, PLAN, api.admin());
    final Answer meanwhile = api.post(PATH, PLAN, api.admin());

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.body().path("status").asText()).isEqualTo("RUNNING");
    assertThat(meanwhile.status()).isEqualTo(409);
    assertThat(meanwhile.body().path("reason").asText()).isEqualTo("sample-data-running");
    final JsonNode done = awaitDone(first.body().path("jobId").asText());
    final int run = latestRun();

    final Answer second = api.post(PATH, PLAN, api.admin());
    assertThat(second.status()).isEqualTo(202);
    final JsonNode again = awaitDone(second.body().path("jobId").asText());

    // the same plan, the same history (in other order numbers)
    assertThat(latestRun()).isEqualTo(run + 1);
    assertThat(again.path("ordersWritten").asLong())
        .isEqualTo(done.path("ordersWritten").asLong())
        .isBetween(14_000L, 17_000L);
    assertThat(again.path("afterSalesWritten").asLong())
        .isEqualTo(done.path("afterSalesWritten").asLong());
    assertThat(fingerprint(run + 1)).isEqualTo(fingerprint(run));

    // the rows are there, the counts match the job's
    assertThat(count("SELECT COUNT(*) FROM orders WHERE " + runIs(run)))
        .isEqualTo(done.path("ordersWritten").asLong());
    assertThat(
            count(
                "SELECT COUNT(*) FROM after_sales WHERE after_sales_id LIKE ?",
                "9" + pad(run) + "%"))
        .isEqualTo(done.path("afterSalesWritten").asLong());
    assertThat(
            count(
                "SELECT COUNT(*) FROM orders o WHERE "
                    + runIs(run)
                    + " AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_sn = o.order_sn)"))
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM orders o WHERE "
                    + runIs(run)
                    + " AND o.status <> 'CANCELLED' AND NOT EXISTS (SELECT 1 FROM shipments s"
                    + " WHERE s.order_sn = o.order_sn AND s.kind = 'ORIGINAL')"))
        .isZero();
    // every order has left the warehouse or was cancelled before: no process would carry it on
    assertThat(
            jdbc.sql("SELECT DISTINCT status FROM orders WHERE " + runIs(run))
                .query(String.class)
                .list())
        .contains("CANCELLED", "COMPLETED", "SHIPPED")
        .isSubsetOf("CANCELLED", "SHIPPED", "DELIVERED", "COMPLETED");

    // history only: nothing went through the intake or into the engine
    assertThat(
            count(
                "SELECT COUNT(*) FROM timeline_events t JOIN orders o ON o.order_sn = t.order_sn"
                    + " WHERE o.source = 'SAMPLE'"))
        .isZero();

    // 11.11 sells several times an ordinary day
    final List<Long> perDay =
        jdbc.sql(
                "SELECT COUNT(*) FROM orders WHERE "
                    + runIs(run)
                    + " GROUP BY SUBSTRING(order_sn, 1, 6) ORDER BY COUNT(*)")
            .query(Long.class)
            .list();
    final long doubleEleven =
        count("SELECT COUNT(*) FROM orders WHERE " + runIs(run) + " AND order_sn LIKE '251111-%'");
    assertThat(doubleEleven).isEqualTo(perDay.get(perDay.size() - 1));
    assertThat(doubleEleven).isGreaterThan(3 * perDay.get(perDay.size() / 2));

    // buyers are masked, and only masked
    assertThat(
            count(
                "SELECT COUNT(*) FROM orders WHERE "
                    + runIs(run)
                    + " AND (receiver_name_mask NOT LIKE '_%*'"
                    + " OR receiver_phone_mask NOT REGEXP '^1[0-9]{2}[*]{4}[0-9]{4}$'"
                    + " OR receiver_address_mask NOT LIKE '%****')"))
        .isZero();
  }

  @Test
  void valuesOutOfRangeAreNamed() {
    final Answer invalid =
        api.post(
            PATH,
            Map.of(
                "months", 0,
                "ordersPerDay", 100_000,
                "shops", 0,
                "skus", 1,
                "endDate", "2099-01-01"),
            api.admin());

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("months", "ordersPerDay", "shops", "skus", "endDate");
  }

  @Test
  void onlySystemManagersGenerate() {
    final Caller ops = api.userWithRole("OPS");

    assertThat(api.post(PATH, PLAN, ops).status()).isEqualTo(403);
    assertThat(api.get(PATH + "/any", ops).status()).isEqualTo(403);
    assertThat(api.post(PATH, PLAN, Caller.anonymous()).status()).isEqualTo(401);
    assertThat(api.get(PATH + "/no-such-job", api.admin()).status()).isEqualTo(404);
  }

  private JsonNode awaitDone(final String jobId) {
    final JsonNode job =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> api.get(PATH + "/" + jobId, api.admin()).body(),
                answer -> !answer.path("status").asText().equals("RUNNING"));
    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
    assertThat(job.path("error").isNull()).isTrue();
    return job;
  }

  private int latestRun() {
    return jdbc.sql(
            "SELECT MAX(CAST(SUBSTRING(order_sn, 9, 3) AS UNSIGNED)) FROM orders"
                + " WHERE source = 'SAMPLE'")
        .query(Integer.class)
        .single();
  }

  /** What a run wrote, without its order numbers. */
  private Map<String, Object> fingerprint(final int run) {
    return jdbc.sql(
            "SELECT COUNT(*) orders, SUM(pay_amount_fen) pay, SUM(ship_by_breached) breached,"
                + " SUM(status = 'CANCELLED') cancelled, MIN(confirm_time) first,"
                + " MAX(confirm_time) last, SUM(UNIX_TIMESTAMP(shipped_at)) shipped FROM orders"
                + " WHERE "
                + runIs(run))
        .query()
        .singleRow();
  }

  private static String runIs(final int run) {
    return "source = 'SAMPLE' AND SUBSTRING(order_sn, 8, 4) = '9" + pad(run) + "'";
  }

  private static String pad(final int run) {
    return String.format("%03d", run);
  }

  private long count(final String sql, final Object... params) {
    var statement = jdbc.sql(sql);
    for (final Object param : params) {
      statement = statement.param(param);
    }
    return statement.query(Long.class).single();
  }
}
