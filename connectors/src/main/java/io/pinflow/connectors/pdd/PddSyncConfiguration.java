package io.pinflow.connectors.pdd;

import io.pinflow.connectors.pdd.PddIncrementalSync.Stream;
import io.pinflow.connectors.pdd.PddIncrementalSync.SyncSettings;
import io.pinflow.domain.incident.Incidents;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.sync.SyncCheckpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's incremental streams Pinflow reads, all with the same windowing rules. */
@Configuration(proxyBeanMethods = false)
class PddSyncConfiguration {

  /** Orders of every status changed in the window ({@code 5} = all, for both filters). */
  static final Stream ORDERS =
      new Stream(
          "orders",
          "pdd.order.number.list.increment.get",
          "order_sn_list",
          Map.of("order_status", "5", "refund_status", "5", "use_has_next", "false"),
          PddOrderIntakeRoutes.INTAKE,
          PddOrderIntakeRoutes.RESUME,
          "order_sn");

  /** After-sales cases of every type and status changed in the window. */
  static final Stream AFTER_SALES =
      new Stream(
          "after-sales",
          "pdd.refund.list.increment.get",
          "refund_list",
          Map.of("after_sales_type", "1", "after_sales_status", "1"),
          PddAfterSalesIntakeRoutes.INTAKE,
          PddAfterSalesIntakeRoutes.RESUME,
          "id");

  @Bean
  SyncSettings pddSyncSettings(
      @Value("${pinflow.pdd.sync.window:PT30M}") final Duration window,
      @Value("${pinflow.pdd.sync.overlap:PT2M}") final Duration overlap,
      @Value("${pinflow.pdd.sync.lag:PT2S}") final Duration lag,
      @Value("${pinflow.pdd.sync.page-size:100}") final int pageSize,
      @Value("${pinflow.pdd.sync.initial-lookback:PT1H}") final Duration initialLookback) {
    return new SyncSettings(window, overlap, lag, pageSize, initialLookback);
  }

  @Bean
  PddIncrementalSync pddOrderSync(
      final PddClient pdd,
      final ShopRepository shops,
      final SyncCheckpoints checkpoints,
      final Incidents incidents,
      final ProducerTemplate producer,
      final Clock clock,
      final SyncSettings settings) {
    return new PddIncrementalSync(
        ORDERS, pdd, shops, checkpoints, incidents, producer, clock, settings);
  }

  @Bean
  PddIncrementalSync pddAfterSalesSync(
      final PddClient pdd,
      final ShopRepository shops,
      final SyncCheckpoints checkpoints,
      final Incidents incidents,
      final ProducerTemplate producer,
      final Clock clock,
      final SyncSettings settings) {
    return new PddIncrementalSync(
        AFTER_SALES, pdd, shops, checkpoints, incidents, producer, clock, settings);
  }
}
