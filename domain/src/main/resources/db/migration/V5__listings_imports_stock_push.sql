-- Goods-level master data the ERP sends with its SKU rows: images, and the shop to list on.
ALTER TABLE skus
  ADD COLUMN images      TEXT        NULL,
  ADD COLUMN list_on_shop VARCHAR(64) NULL;

-- A product listed (or on its way to being listed) on a shop. active_key is shop:goods while the
-- listing is under way or listed, NULL once it ended: one live listing per goods and shop.
CREATE TABLE listings (
  listing_id             VARCHAR(40)   NOT NULL,
  shop_id                VARCHAR(64)   NOT NULL,
  outer_goods_id         VARCHAR(64)   NOT NULL,
  title                  VARCHAR(200)  NOT NULL,
  category_id            BIGINT        NOT NULL,
  images                 TEXT          NOT NULL,
  status                 VARCHAR(24)   NOT NULL,
  source                 VARCHAR(16)   NOT NULL,
  submitted_by           VARCHAR(100)  NOT NULL,
  active_key             VARCHAR(130)  NULL,
  problems               TEXT          NULL,
  review_decision        VARCHAR(16)   NULL,
  review_rule            VARCHAR(100)  NULL,
  goods_id               BIGINT        NULL,
  goods_commit_id        BIGINT        NULL,
  publish_started_at     TIMESTAMP(6)  NULL,
  submissions            INT           NOT NULL DEFAULT 0,
  platform_reject_reason VARCHAR(500)  NULL,
  closed_reason          VARCHAR(500)  NULL,
  delist_requested_at    TIMESTAMP(6)  NULL,
  created_at             TIMESTAMP(6)  NOT NULL,
  listed_at              TIMESTAMP(6)  NULL,
  closed_at              TIMESTAMP(6)  NULL,
  updated_at             TIMESTAMP(6)  NOT NULL,
  version                INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (listing_id),
  UNIQUE KEY ux_listings_active (active_key),
  KEY ix_listings_shop_created (shop_id, created_at),
  KEY ix_listings_goods (outer_goods_id),
  KEY ix_listings_status (status)
) ENGINE = InnoDB;

CREATE TABLE listing_skus (
  listing_id   VARCHAR(40)  NOT NULL,
  outer_sku_id VARCHAR(64)  NOT NULL,
  spec         VARCHAR(200) NOT NULL,
  price_fen    BIGINT       NOT NULL,
  quantity     INT          NOT NULL,
  position     INT          NOT NULL,
  PRIMARY KEY (listing_id, outer_sku_id),
  KEY ix_listing_skus_sku (outer_sku_id)
) ENGINE = InnoDB;

-- What PDD shows of a SKU's stock on a shop where it is listed. A stock change marks the row
-- dirty (in the change's transaction); the pusher sends the latest figure and clears it.
CREATE TABLE stock_push (
  shop_id         VARCHAR(64)  NOT NULL,
  outer_sku_id    VARCHAR(64)  NOT NULL,
  goods_id        BIGINT       NOT NULL,
  dirty           BOOLEAN      NOT NULL DEFAULT TRUE,
  dirty_since     TIMESTAMP(6) NULL,
  change_count    BIGINT       NOT NULL DEFAULT 0,
  pushed_quantity INT          NULL,
  pushed_at       TIMESTAMP(6) NULL,
  push_calls      BIGINT       NOT NULL DEFAULT 0,
  failed_at       TIMESTAMP(6) NULL,
  failure         VARCHAR(500) NULL,
  PRIMARY KEY (shop_id, outer_sku_id),
  KEY ix_stock_push_sku (outer_sku_id),
  KEY ix_stock_push_dirty (dirty, dirty_since)
) ENGINE = InnoDB;

-- One ERP file or upload, identified by what it holds: the same content is imported once.
CREATE TABLE erp_imports (
  import_id        BIGINT        NOT NULL AUTO_INCREMENT,
  kind             VARCHAR(16)   NOT NULL,
  content_hash     CHAR(64)      NOT NULL,
  source           VARCHAR(16)   NOT NULL,
  file_name        VARCHAR(255)  NOT NULL,
  format           VARCHAR(8)    NOT NULL,
  size_bytes       BIGINT        NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  records_total    INT           NOT NULL DEFAULT 0,
  records_accepted INT           NOT NULL DEFAULT 0,
  records_rejected INT           NOT NULL DEFAULT 0,
  error            VARCHAR(1000) NULL,
  received_by      VARCHAR(100)  NOT NULL,
  claimed_by       VARCHAR(100)  NOT NULL,
  started_at       TIMESTAMP(6)  NOT NULL,
  heartbeat_at     TIMESTAMP(6)  NOT NULL,
  finished_at      TIMESTAMP(6)  NULL,
  PRIMARY KEY (import_id),
  UNIQUE KEY ux_erp_imports_content (kind, content_hash),
  KEY ix_erp_imports_started (started_at)
) ENGINE = InnoDB;

-- Records an import could not take: their number in the file, the line they start on, and why.
CREATE TABLE erp_import_rejects (
  import_id   BIGINT        NOT NULL,
  record_no   BIGINT        NOT NULL,
  line_no     BIGINT        NOT NULL,
  reason      VARCHAR(500)  NOT NULL,
  record      TEXT          NOT NULL,
  status      VARCHAR(16)   NOT NULL,
  resolved_at TIMESTAMP(6)  NULL,
  PRIMARY KEY (import_id, record_no)
) ENGINE = InnoDB;
