package io.pinflow.domain.jdbc;

import io.pinflow.domain.access.AccessAdministration;
import io.pinflow.domain.access.AccessRepository;
import io.pinflow.domain.access.PasswordHasher;
import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesRepository;
import io.pinflow.domain.audit.AuditRepository;
import io.pinflow.domain.audit.AuditTrail;
import io.pinflow.domain.campaign.CampaignRepository;
import io.pinflow.domain.campaign.Campaigns;
import io.pinflow.domain.catalog.Catalog;
import io.pinflow.domain.catalog.SkuRepository;
import io.pinflow.domain.erp.ErpImportRepository;
import io.pinflow.domain.erp.ErpImports;
import io.pinflow.domain.incident.IncidentRepository;
import io.pinflow.domain.incident.IncidentRetrier;
import io.pinflow.domain.incident.Incidents;
import io.pinflow.domain.listing.ListingRepository;
import io.pinflow.domain.listing.Listings;
import io.pinflow.domain.order.OrderRepository;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.order.StockArrivalNotifier;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.redrive.RedriveRepository;
import io.pinflow.domain.redrive.Redrives;
import io.pinflow.domain.report.ReportFacts;
import io.pinflow.domain.report.ReportRepository;
import io.pinflow.domain.report.Reports;
import io.pinflow.domain.shop.SecretCipher;
import io.pinflow.domain.shop.ShopRepository;
import io.pinflow.domain.shop.Shops;
import io.pinflow.domain.stock.StockCommitments;
import io.pinflow.domain.stock.StockLedger;
import io.pinflow.domain.stock.StockListener;
import io.pinflow.domain.stock.StockPools;
import io.pinflow.domain.stock.StockPush;
import io.pinflow.domain.stock.StockPushRepository;
import io.pinflow.domain.stock.StockRepository;
import io.pinflow.domain.system.SelfCheckRepository;
import io.pinflow.domain.system.SelfChecks;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.task.TaskRepository;
import io.pinflow.domain.task.UserTaskEngine;
import io.pinflow.domain.timeline.Timeline;
import io.pinflow.domain.timeline.TimelineRepository;
import io.pinflow.domain.warehouse.WarehouseEvents;
import io.pinflow.domain.warehouse.WmsEventRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates the domain services from their repositories; the services know nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

  /** UTC, in microseconds: what TIMESTAMP(6) keeps, so that stored and returned times agree. */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }

  @Bean
  SelfChecks selfChecks(final SelfCheckRepository repository, final Clock clock) {
    return new SelfChecks(repository, clock);
  }

  @Bean
  Shops shops(
      final ShopRepository repository,
      final SecretCipher cipher,
      final Clock clock,
      @Value("${pinflow.mode:embedded}") final String mode) {
    return new Shops(repository, cipher, clock, "embedded".equalsIgnoreCase(mode.trim()));
  }

  @Bean
  AccessAdministration accessAdministration(
      final AccessRepository repository,
      final PasswordHasher passwords,
      final Shops shops,
      final Clock clock) {
    return new AccessAdministration(repository, passwords, shops, clock);
  }

  @Bean
  AuditTrail auditTrail(final AuditRepository repository, final Clock clock) {
    return new AuditTrail(repository, clock);
  }

  @Bean
  TaskInbox taskInbox(
      final TaskRepository repository,
      final UserTaskEngine engine,
      final Timeline timeline,
      final Clock clock) {
    return new TaskInbox(repository, engine, timeline, clock);
  }

  @Bean
  Redrives redrives(
      final RedriveRepository repository,
      final Outbox outbox,
      final Timeline timeline,
      final AuditTrail audit,
      final Clock clock) {
    return new Redrives(repository, outbox, timeline, audit, clock);
  }

  @Bean
  Timeline timeline(final TimelineRepository repository, final Clock clock) {
    return new Timeline(repository, clock);
  }

  @Bean
  Catalog catalog(final SkuRepository skus, final Clock clock) {
    return new Catalog(skus, clock);
  }

  @Bean
  StockLedger stockLedger(final StockRepository repository, final List<StockListener> listeners) {
    return new StockLedger(repository, listeners);
  }

  @Bean
  Orders.OrderSettings orderSettings(
      @Value("${pinflow.orders.default-ship-window:PT48H}") final Duration defaultShipWindow,
      @Value("${pinflow.orders.ship-by-warning-lead:PT6H}") final Duration shipByWarningLead,
      @Value("${pinflow.orders.auto-complete-after:P10D}") final Duration autoCompleteAfter,
      @Value("${pinflow.engine.message-ttl:PT1H}") final Duration messageTimeToLive) {
    return new Orders.OrderSettings(
        defaultShipWindow, shipByWarningLead, autoCompleteAfter, messageTimeToLive);
  }

  @Bean
  StockArrivalNotifier stockArrivalNotifier(
      final OrderRepository orders,
      final Outbox outbox,
      final Orders.OrderSettings settings,
      final Clock clock) {
    return new StockArrivalNotifier(orders, outbox, settings.messageTimeToLive(), clock);
  }

  @Bean
  WarehouseEvents warehouseEvents(
      final WmsEventRepository events,
      final OrderRepository orders,
      final Outbox outbox,
      final Timeline timeline,
      final Orders.OrderSettings settings,
      final Clock clock) {
    return new WarehouseEvents(
        events, orders, outbox, timeline, settings.messageTimeToLive(), clock);
  }

  @Bean
  AfterSales afterSales(
      final AfterSalesRepository cases,
      final OrderRepository orders,
      final StockLedger stock,
      final Timeline timeline,
      final Outbox outbox,
      final Orders.OrderSettings orderSettings,
      @Value("${pinflow.after-sales.default-expiry:PT48H}") final Duration defaultExpiry,
      @Value("${pinflow.after-sales.review-lead:PT4H}") final Duration reviewLead,
      @Value("${pinflow.after-sales.return-window:P7D}") final Duration returnWindow,
      final Clock clock) {
    return new AfterSales(
        cases,
        orders,
        stock,
        timeline,
        outbox,
        new AfterSales.Settings(
            defaultExpiry, reviewLead, returnWindow, orderSettings.messageTimeToLive()),
        clock);
  }

  @Bean
  Orders orders(
      final OrderRepository orders,
      final SkuRepository skus,
      final ShopRepository shops,
      final StockLedger stock,
      final StockPools pools,
      final Timeline timeline,
      final Outbox outbox,
      final Orders.OrderSettings settings,
      final Clock clock) {
    return new Orders(orders, skus, shops, stock, pools, timeline, outbox, settings, clock);
  }

  @Bean
  Incidents incidents(
      final IncidentRepository repository,
      final List<IncidentRetrier> retriers,
      final Clock clock) {
    return new Incidents(repository, retriers, clock);
  }

  @Bean
  StockPush stockPush(
      final StockPushRepository repository,
      final StockRepository stock,
      final ShopRepository shops,
      final StockCommitments commitments,
      @Value("${pinflow.stock-push.settle:PT1S}") final Duration settle,
      @Value("${pinflow.stock-push.failure-backoff:PT30S}") final Duration failureBackoff,
      @Value("${pinflow.stock-push.batch-size:100}") final int batchSize,
      final Clock clock) {
    return new StockPush(
        repository,
        stock,
        shops,
        commitments,
        new StockPush.Settings(settle, failureBackoff, batchSize),
        clock);
  }

  @Bean
  Reports reports(
      final ReportRepository repository,
      @Value("${pinflow.reports.zone:Asia/Shanghai}") final ZoneId zone,
      @Value("${pinflow.reports.longest-range:P732D}") final Duration longestRange,
      final Clock clock) {
    return new Reports(repository, new Reports.Settings(zone, longestRange), clock);
  }

  @Bean
  ReportFacts reportFacts(
      final JdbcClient jdbc,
      final JdbcTemplate template,
      final NamedParameterJdbcTemplate named,
      final PlatformTransactionManager transactions,
      @Value("${pinflow.reports.zone:Asia/Shanghai}") final ZoneId zone,
      @Value("${pinflow.reports.settle-after:PT1H}") final Duration settleAfter,
      final Clock clock) {
    return new JdbcReportFacts(
        jdbc, template, named, new TransactionTemplate(transactions), zone, settleAfter, clock);
  }

  @Bean
  Campaigns campaigns(
      final CampaignRepository campaigns,
      final SkuRepository skus,
      final ShopRepository shops,
      final StockLedger stock,
      final StockPush stockPush,
      final Timeline timeline,
      final Outbox outbox,
      final Orders.OrderSettings orderSettings,
      @Value("${pinflow.campaign.longest:P31D}") final Duration longest,
      final Clock clock) {
    return new Campaigns(
        campaigns,
        skus,
        shops,
        stock,
        stockPush,
        timeline,
        outbox,
        new Campaigns.Settings(longest, orderSettings.messageTimeToLive()),
        clock);
  }

  @Bean
  Listings listings(
      final ListingRepository listings,
      final SkuRepository skus,
      final StockRepository stock,
      final ShopRepository shops,
      final StockPush stockPush,
      final Timeline timeline,
      final Outbox outbox,
      final Orders.OrderSettings orderSettings,
      @Value("${pinflow.listing.platform-poll-interval:PT1M}") final Duration pollInterval,
      @Value("${pinflow.listing.min-price-to-cost-percent:30}") final int minPriceToCostPercent,
      final Clock clock) {
    return new Listings(
        listings,
        skus,
        stock,
        shops,
        stockPush,
        timeline,
        outbox,
        new Listings.Settings(
            pollInterval, minPriceToCostPercent, orderSettings.messageTimeToLive()),
        clock);
  }

  @Bean
  ErpImports erpImports(
      final ErpImportRepository imports,
      final Catalog catalog,
      final SkuRepository skus,
      final ShopRepository shops,
      final StockLedger stock,
      final Listings listings,
      @Value("${pinflow.erp.stale-import-after:PT10M}") final Duration staleAfter,
      final Clock clock) {
    return new ErpImports(imports, catalog, skus, shops, stock, listings, staleAfter, clock);
  }
}
