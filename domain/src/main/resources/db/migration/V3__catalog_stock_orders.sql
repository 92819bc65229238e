-- The merchant's catalogue, as the ERP knows it. Money in fen.
CREATE TABLE skus (
  outer_sku_id   VARCHAR(64)  NOT NULL,
  outer_goods_id VARCHAR(64)  NOT NULL,
  title          VARCHAR(200) NOT NULL,
  category_id    BIGINT       NULL,
  spec           VARCHAR(200) NULL,
  cost_fen       BIGINT       NULL,
  price_fen      BIGINT       NULL,
  updated_at     TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (outer_sku_id),
  KEY ix_skus_goods (outer_goods_id)
) ENGINE = InnoDB;

-- Stock ledger: available = on_hand - reserved, never negative.
CREATE TABLE stock (
  outer_sku_id VARCHAR(64)  NOT NULL,
  on_hand      INT          NOT NULL DEFAULT 0,
  reserved     INT          NOT NULL DEFAULT 0,
  updated_at   TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (outer_sku_id),
  CONSTRAINT ck_stock_reserved CHECK (reserved >= 0),
  CONSTRAINT ck_stock_on_hand CHECK (on_hand >= 0)
) ENGINE = InnoDB;

-- One reservation per owner (an order, a campaign, a replacement) and SKU: reserving twice
-- for the same owner reserves once.
CREATE TABLE stock_reservations (
  owner_type   VARCHAR(16)  NOT NULL,
  owner_id     VARCHAR(64)  NOT NULL,
  outer_sku_id VARCHAR(64)  NOT NULL,
  quantity     INT          NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL,
  closed_at    TIMESTAMP(6) NULL,
  PRIMARY KEY (owner_type, owner_id, outer_sku_id),
  KEY ix_reservations_sku (outer_sku_id, status)
) ENGINE = InnoDB;

CREATE TABLE orders (
  order_sn             VARCHAR(32)  NOT NULL,
  shop_id              VARCHAR(64)  NOT NULL,
  status               VARCHAR(16)  NOT NULL,
  source               VARCHAR(16)  NOT NULL,
  confirm_time         TIMESTAMP(6) NOT NULL,
  last_ship_time       TIMESTAMP(6) NOT NULL,
  pay_amount_fen       BIGINT       NOT NULL,
  goods_amount_fen     BIGINT       NOT NULL,
  receiver_name_mask   VARCHAR(100) NULL,
  receiver_phone_mask  VARCHAR(40)  NULL,
  receiver_address_mask VARCHAR(300) NULL,
  risk_hold            BOOLEAN      NOT NULL DEFAULT FALSE,
  ship_hold            BOOLEAN      NOT NULL DEFAULT FALSE,
  group_forming        BOOLEAN      NOT NULL DEFAULT FALSE,
  wms_state            VARCHAR(16)  NOT NULL DEFAULT 'NONE',
  cancel_requested_at  TIMESTAMP(6) NULL,
  cancel_reason        VARCHAR(500) NULL,
  ship_by_at_risk      BOOLEAN      NOT NULL DEFAULT FALSE,
  ship_by_breached     BOOLEAN      NOT NULL DEFAULT FALSE,
  shipped_at           TIMESTAMP(6) NULL,
  delivered_at         TIMESTAMP(6) NULL,
  completed_at         TIMESTAMP(6) NULL,
  cancelled_at         TIMESTAMP(6) NULL,
  created_at           TIMESTAMP(6) NOT NULL,
  updated_at           TIMESTAMP(6) NOT NULL,
  version              INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (order_sn),
  KEY ix_orders_shop_confirm (shop_id, confirm_time),
  KEY ix_orders_status (status, shop_id),
  KEY ix_orders_confirm (confirm_time)
) ENGINE = InnoDB;

CREATE TABLE order_lines (
  order_sn     VARCHAR(32) NOT NULL,
  line_no      INT         NOT NULL,
  outer_sku_id VARCHAR(64) NOT NULL,
  quantity     INT         NOT NULL,
  price_fen    BIGINT      NOT NULL,
  PRIMARY KEY (order_sn, line_no),
  KEY ix_order_lines_sku (outer_sku_id),
  CONSTRAINT fk_order_lines_order FOREIGN KEY (order_sn) REFERENCES orders (order_sn)
) ENGINE = InnoDB;

-- Parcels: the original shipment and replacements (exchange, resend).
CREATE TABLE shipments (
  order_sn        VARCHAR(32)  NOT NULL,
  tracking_number VARCHAR(64)  NOT NULL,
  carrier         VARCHAR(64)  NOT NULL,
  kind            VARCHAR(16)  NOT NULL,
  shipped_at      TIMESTAMP(6) NOT NULL,
  uploaded_at     TIMESTAMP(6) NULL,
  PRIMARY KEY (order_sn, tracking_number),
  CONSTRAINT fk_shipments_order FOREIGN KEY (order_sn) REFERENCES orders (order_sn)
) ENGINE = InnoDB;

-- What happened to each business object, in order: process steps, platform calls, warehouse
-- events, decisions of people.
CREATE TABLE timeline_events (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  business_type VARCHAR(16)   NOT NULL,
  business_key  VARCHAR(64)   NOT NULL,
  order_sn      VARCHAR(32)   NULL,
  at            TIMESTAMP(6)  NOT NULL,
  type          VARCHAR(40)   NOT NULL,
  detail        VARCHAR(1000) NULL,
  actor         VARCHAR(100)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_timeline_business (business_type, business_key, id),
  KEY ix_timeline_order (order_sn, id)
) ENGINE = InnoDB;

-- Messages for the engine, stored in the same transaction as the business change that causes
-- them and published after commit; the dispatcher retries until the engine takes them.
CREATE TABLE outbox_messages (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  message_name    VARCHAR(100) NOT NULL,
  correlation_key VARCHAR(100) NOT NULL,
  message_id      VARCHAR(200) NOT NULL,
  variables       MEDIUMTEXT   NULL,
  ttl_ms          BIGINT       NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  last_error      VARCHAR(500) NULL,
  next_attempt_at TIMESTAMP(6) NOT NULL,
  created_at      TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_outbox_message_id (message_id),
  KEY ix_outbox_due (next_attempt_at)
) ENGINE = InnoDB;

-- Inbound warehouse events, kept for idempotency (one effect per event id) and for replay.
CREATE TABLE wms_events (
  event_id       VARCHAR(100) NOT NULL,
  type           VARCHAR(32)  NOT NULL,
  order_sn       VARCHAR(32)  NOT NULL,
  after_sales_id VARCHAR(64)  NULL,
  payload        TEXT         NOT NULL,
  received_at    TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (event_id),
  KEY ix_wms_events_order (order_sn)
) ENGINE = InnoDB;

-- Where each shop's incremental platform sync stands.
CREATE TABLE sync_checkpoints (
  shop_id    VARCHAR(64)  NOT NULL,
  stream     VARCHAR(32)  NOT NULL,
  synced_to  TIMESTAMP(6) NOT NULL,
  updated_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (shop_id, stream)
) ENGINE = InnoDB;
