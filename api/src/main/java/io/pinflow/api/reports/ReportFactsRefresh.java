package io.pinflow.api.reports;

import io.pinflow.domain.report.ReportFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Counts the days that settled into the report facts, every minute by default. */
@Component
class ReportFactsRefresh {

  private static final Logger LOG = LoggerFactory.getLogger(ReportFactsRefresh.class);

  private final ReportFacts facts;

  ReportFactsRefresh(final ReportFacts facts) {
    this.facts = facts;
  }

  @Scheduled(
      initialDelayString = "${pinflow.reports.refresh-interval:PT1M}",
      fixedDelayString = "${pinflow.reports.refresh-interval:PT1M}")
  void refresh() {
    try {
      facts.refresh();
    } catch (final RuntimeException e) {
      LOG.warn("Report facts refresh failed, the next round tries again: {}", e.getMessage());
    }
  }
}
