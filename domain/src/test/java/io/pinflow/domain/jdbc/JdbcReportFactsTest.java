package io.pinflow.domain.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.domain.report.ReportFacts.Refresh;
import io.pinflow.domain.report.ReportFacts.Subject;
import io.pinflow.domain.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class JdbcReportFactsTest {

  private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");

  /** 2026-09-10 10:00 in Shanghai. */
  private static final Instant DAY = Instant.parse("2026-09-10T02:00:00Z");

  private final JdbcClient jdbc = TestDatabase.jdbc();
  private final JdbcReportFacts facts =
      new JdbcReportFacts(
          jdbc,
          new JdbcTemplate(TestDatabase.dataSource()),
          new NamedParameterJdbcTemplate(TestDatabase.dataSource()),
          new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource())),
          ZoneId.of("Asia/Shanghai"),
          Duration.ofHours(1),
          Clock.fixed(NOW, ZoneOffset.UTC));
  private final String shop = "facts-shop-" + System.nanoTime();

  @Test
  void aDayWithAnOrderStillToShipSettlesOnceItShips() {
    order("a", "COMPLETED", DAY.plus(Duration.ofHours(5)));
    order("b", "RESERVED", null);
    facts.invalidate(Subject.ORDERS, shop, DAY, DAY);

    assertThat(refresh().skipped()).isFalse();
    assertThat(days()).containsExactly("2026-09-10=false");
    assertThat(orderFacts()).isEmpty();

    jdbc.sql("UPDATE orders SET status = 'SHIPPED', shipped_at = :at WHERE order_sn = :sn")
        .param("at", Timestamp.from(DAY.plus(Duration.ofHours(50))))
        .param("sn", "b-" + shop)
        .update();
    final Refresh round = refresh();

    assertThat(round.daysSettled()).isGreaterThanOrEqualTo(1);
    assertThat(days()).containsExactly("2026-09-10=true");
    // two orders, both shipped, one of them after its deadline (48 h)
    assertThat(orderFacts()).containsExactly("orders=2 shipped=2 onTime=1 breaches=1");
  }

  @Test
  void onlyRowsWrittenWellAfterTheirTimeNameTheirDayForCountingAgain() {
    final long before = invalidations();

    JdbcReportFacts.recordWrite(jdbc, Subject.ORDERS, shop, NOW.minusSeconds(60), NOW);
    assertThat(invalidations()).isEqualTo(before);

    JdbcReportFacts.recordWrite(jdbc, Subject.ORDERS, shop, NOW.minus(Duration.ofHours(30)), NOW);
    assertThat(invalidations()).isEqualTo(before + 1);
  }

  private Refresh refresh() {
    return facts.refresh();
  }

  private void order(final String name, final String status, final Instant shippedAt) {
    jdbc.sql(
            "INSERT INTO orders (order_sn, shop_id, status, source, confirm_time, last_ship_time,"
                + " pay_amount_fen, goods_amount_fen, shipped_at, created_at, updated_at) VALUES"
                + " (:sn, :shop, :status, 'API', :confirm, :lastShip, 1000, 1000, :shipped,"
                + " :confirm, :confirm)")
        .param("sn", name + "-" + shop)
        .param("shop", shop)
        .param("status", status)
        .param("confirm", Timestamp.from(DAY))
        .param("lastShip", Timestamp.from(DAY.plus(Duration.ofHours(48))))
        .param("shipped", shippedAt == null ? null : Timestamp.from(shippedAt))
        .update();
  }

  private List<String> days() {
    return jdbc.sql(
            "SELECT day, settled FROM report_days WHERE subject = 'ORDERS' AND shop_id = :shop")
        .param("shop", shop)
        .query((rs, row) -> rs.getDate("day") + "=" + rs.getBoolean("settled"))
        .list();
  }

  private List<String> orderFacts() {
    return jdbc.sql(
            "SELECT orders, shipped, shipped_on_time, breaches FROM report_order_days WHERE"
                + " shop_id = :shop")
        .param("shop", shop)
        .query(
            (rs, row) ->
                "orders=%d shipped=%d onTime=%d breaches=%d"
                    .formatted(
                        rs.getLong("orders"),
                        rs.getLong("shipped"),
                        rs.getLong("shipped_on_time"),
                        rs.getLong("breaches")))
        .list();
  }

  private long invalidations() {
    return jdbc.sql("SELECT COUNT(*) FROM report_invalidations WHERE shop_id = :shop")
        .param("shop", shop)
        .query(Long.class)
        .single();
  }
}
