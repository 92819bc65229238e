-- Limited-time discounts: planned by ops, approved along a chain, run on PDD between their times.
CREATE TABLE campaigns (
  campaign_id            VARCHAR(40)   NOT NULL,
  shop_id                VARCHAR(64)   NOT NULL,
  name                   VARCHAR(100)  NOT NULL,
  start_time             TIMESTAMP(6)  NOT NULL,
  end_time               TIMESTAMP(6)  NOT NULL,
  status                 VARCHAR(24)   NOT NULL,
  submitted_by           VARCHAR(100)  NOT NULL,
  idempotency_key        VARCHAR(100)  NULL,
  round                  INT           NOT NULL DEFAULT 1,
  problems               TEXT          NULL,
  discount_depth_percent DECIMAL(7,2)  NULL,
  total_subsidy_fen      BIGINT        NULL,
  below_cost_items       INT           NULL,
  approvers              VARCHAR(200)  NULL,
  routing_rule           VARCHAR(100)  NULL,
  revision_reason        VARCHAR(1000) NULL,
  stop_requested_at      TIMESTAMP(6)  NULL,
  stopped_early          BOOLEAN       NOT NULL DEFAULT FALSE,
  closed_reason          VARCHAR(500)  NULL,
  report_from            TIMESTAMP(6)  NULL,
  report_to              TIMESTAMP(6)  NULL,
  reported_at            TIMESTAMP(6)  NULL,
  created_at             TIMESTAMP(6)  NOT NULL,
  activated_at           TIMESTAMP(6)  NULL,
  ended_at               TIMESTAMP(6)  NULL,
  updated_at             TIMESTAMP(6)  NOT NULL,
  version                INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id),
  UNIQUE KEY ux_campaigns_idempotency (shop_id, idempotency_key),
  KEY ix_campaigns_shop_start (shop_id, start_time),
  KEY ix_campaigns_status (status, shop_id)
) ENGINE = InnoDB;

-- The SKUs of a campaign: regular price and cost as the checks saw them, the platform's goods and
-- limited-time activity, the quantity held at the start and what was left of it at the end, and the
-- report's sales of the SKU during the campaign and over the same span before it.
CREATE TABLE campaign_items (
  campaign_id         VARCHAR(40)  NOT NULL,
  outer_sku_id        VARCHAR(64)  NOT NULL,
  activity_price_fen  BIGINT       NOT NULL,
  quantity            INT          NOT NULL,
  per_buyer_limit     INT          NOT NULL DEFAULT 0,
  regular_price_fen   BIGINT       NULL,
  cost_fen            BIGINT       NULL,
  goods_id            BIGINT       NULL,
  reserved_quantity   INT          NULL,
  remaining_quantity  INT          NULL,
  pdd_activity_id     BIGINT       NULL,
  units_during        INT          NULL,
  revenue_during_fen  BIGINT       NULL,
  units_before        INT          NULL,
  revenue_before_fen  BIGINT       NULL,
  position            INT          NOT NULL,
  PRIMARY KEY (campaign_id, outer_sku_id),
  KEY ix_campaign_items_sku (outer_sku_id)
) ENGINE = InnoDB;

-- Every decision of every approval round.
CREATE TABLE campaign_approvals (
  campaign_id VARCHAR(40)   NOT NULL,
  round       INT           NOT NULL,
  step        INT           NOT NULL,
  role        VARCHAR(64)   NOT NULL,
  decision    VARCHAR(16)   NOT NULL,
  comment     VARCHAR(500)  NULL,
  decided_by  VARCHAR(100)  NOT NULL,
  decided_at  TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (campaign_id, round, step)
) ENGINE = InnoDB;
