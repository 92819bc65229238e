-- Daily report facts. A day of one shop is settled once it is over and its figures can no longer
-- change: every order of the day shipped or cancelled, every after-sales case opened that day
-- closed. A settled day is counted once into the fact tables; reports read the facts and count
-- only the days still open (and the parts of days at the ends of a range) from the orders.

-- One row per examined day and shop that has orders (ORDERS) or after-sales cases (AFTER_SALES);
-- not settled: the day is read from the orders until it settles.
CREATE TABLE report_days (
  subject      VARCHAR(12)  NOT NULL,
  shop_id      VARCHAR(64)  NOT NULL,
  day          DATE         NOT NULL,
  settled      BOOLEAN      NOT NULL,
  refreshed_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (subject, shop_id, day)
) ENGINE = InnoDB;

-- Rows written into days that may have settled already (a late order, generated history): the
-- days they touch are counted again and, until then, read from the orders. No shop: every shop.
CREATE TABLE report_invalidations (
  id        BIGINT       NOT NULL AUTO_INCREMENT,
  subject   VARCHAR(12)  NOT NULL,
  shop_id   VARCHAR(64)  NULL,
  from_time TIMESTAMP(6) NOT NULL,
  to_time   TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_report_invalidations_subject (subject, id)
) ENGINE = InnoDB;

-- Progress of the fact refresh: the zone the days are counted in and the last day examined.
CREATE TABLE report_fact_state (
  subject          VARCHAR(12) NOT NULL,
  zone             VARCHAR(64) NOT NULL,
  examined_through DATE        NULL,
  PRIMARY KEY (subject)
) ENGINE = InnoDB;

-- Fulfilment of a settled day and shop; ship_times: the time-to-ship histogram as
-- "bucket:count bucket:count …" with 15-minute buckets.
CREATE TABLE report_order_days (
  shop_id         VARCHAR(64) NOT NULL,
  day             DATE        NOT NULL,
  orders          BIGINT      NOT NULL,
  gmv_fen         BIGINT      NOT NULL,
  shipped         BIGINT      NOT NULL,
  shipped_on_time BIGINT      NOT NULL,
  ship_seconds    BIGINT      NOT NULL,
  breaches        BIGINT      NOT NULL,
  cancellations   BIGINT      NOT NULL,
  ship_times      TEXT        NOT NULL,
  PRIMARY KEY (shop_id, day)
) ENGINE = InnoDB;

-- The same per SKU, for a settled day (grain D) and for a month whose days all settled (grain M,
-- period = the first day of the month) so that a year by SKU reads twelve rows per SKU and shop.
CREATE TABLE report_sku_facts (
  grain           CHAR(1)     NOT NULL,
  shop_id         VARCHAR(64) NOT NULL,
  period          DATE        NOT NULL,
  sku             VARCHAR(64) NOT NULL,
  orders          BIGINT      NOT NULL,
  units           BIGINT      NOT NULL,
  gmv_fen         BIGINT      NOT NULL,
  shipped         BIGINT      NOT NULL,
  shipped_on_time BIGINT      NOT NULL,
  ship_seconds    BIGINT      NOT NULL,
  breaches        BIGINT      NOT NULL,
  cancellations   BIGINT      NOT NULL,
  ship_times      TEXT        NOT NULL,
  PRIMARY KEY (grain, shop_id, period, sku)
) ENGINE = InnoDB;

-- Months of a shop whose SKU rollup (grain M) is current.
CREATE TABLE report_sku_months (
  shop_id      VARCHAR(64)  NOT NULL,
  month        DATE         NOT NULL,
  refreshed_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (shop_id, month)
) ENGINE = InnoDB;

-- After-sales cases of a settled day and shop by type, reason and outcome.
CREATE TABLE report_after_sales_days (
  shop_id          VARCHAR(64)  NOT NULL,
  day              DATE         NOT NULL,
  type             VARCHAR(16)  NOT NULL,
  reason           VARCHAR(200) NOT NULL,
  status           VARCHAR(24)  NOT NULL,
  cases            BIGINT       NOT NULL,
  asked_fen        BIGINT       NOT NULL,
  paid_fen         BIGINT       NOT NULL,
  refunded         BIGINT       NOT NULL,
  rejected         BIGINT       NOT NULL,
  handled          BIGINT       NOT NULL,
  handling_seconds BIGINT       NOT NULL,
  missed           BIGINT       NOT NULL,
  PRIMARY KEY (shop_id, day, type, reason, status)
) ENGINE = InnoDB;
