-- Restart safety of embedded mode: the in-memory engine forgets its process instances when the
-- application stops. At start Pinflow re-drives every business object that is not finished into a
-- new instance at the step its stored state says. One row per object and engine run: a second
-- re-drive of the same object in the same run finds the row and starts nothing.
CREATE TABLE process_redrives (
  engine_run           VARCHAR(36)   NOT NULL,
  business_type        VARCHAR(16)   NOT NULL,
  business_key         VARCHAR(64)   NOT NULL,
  process_id           VARCHAR(100)  NOT NULL,
  start_elements       VARCHAR(500)  NOT NULL,
  reason               VARCHAR(1000) NOT NULL,
  process_instance_key BIGINT        NULL,
  claimed_at           TIMESTAMP(6)  NOT NULL,
  started_at           TIMESTAMP(6)  NULL,
  PRIMARY KEY (engine_run, business_type, business_key),
  KEY ix_process_redrives_business (business_type, business_key, claimed_at)
) ENGINE = InnoDB;

-- What a person decided on a task (the form's variables), so that a decision the engine took
-- but the next step did not record yet is not asked for again after a restart.
ALTER TABLE user_tasks
  ADD COLUMN outcome MEDIUMTEXT NULL,
  -- closed because the engine run ended (not because the process moved on): the task comes back,
  -- under the same id, when the re-driven process reaches it again
  ADD COLUMN restart_closed BOOLEAN NOT NULL DEFAULT FALSE,
  ADD KEY ix_user_tasks_revival (business_key, element_id, restart_closed);

-- The platform reported the buyer's receipt (the order-delivered message is derived from it).
ALTER TABLE orders ADD COLUMN platform_received_at TIMESTAMP(6) NULL;

-- The state of the built-in PDD, WMS and buyer simulators: they stand in for systems outside
-- Pinflow, which keep what they were told when Pinflow restarts. Unused without the simulators.
CREATE TABLE simulator_records (
  kind       VARCHAR(40)  NOT NULL,
  record_key VARCHAR(120) NOT NULL,
  body       MEDIUMTEXT   NOT NULL,
  updated_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (kind, record_key)
) ENGINE = InnoDB;
