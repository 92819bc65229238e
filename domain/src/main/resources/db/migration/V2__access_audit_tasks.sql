-- Shops: the boundary of what a user or API key may see.
CREATE TABLE shops (
  shop_id             VARCHAR(64)  NOT NULL,
  name                VARCHAR(200) NOT NULL,
  platform            VARCHAR(16)  NOT NULL,
  client_id           VARCHAR(128) NULL,
  client_secret_enc   VARCHAR(512) NULL,
  simulated           BOOLEAN      NOT NULL DEFAULT FALSE,
  stock_safety_buffer INT          NOT NULL DEFAULT 0,
  created_at          TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (shop_id)
) ENGINE = InnoDB;

-- Roles are sets of permissions; built-in roles are created by the application.
CREATE TABLE roles (
  name        VARCHAR(64)  NOT NULL,
  builtin     BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (name)
) ENGINE = InnoDB;

CREATE TABLE role_permissions (
  role_name  VARCHAR(64) NOT NULL,
  permission VARCHAR(64) NOT NULL,
  PRIMARY KEY (role_name, permission),
  CONSTRAINT fk_role_permissions_role FOREIGN KEY (role_name) REFERENCES roles (name)
) ENGINE = InnoDB;

CREATE TABLE users (
  username      VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(100) NOT NULL,
  enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
  all_shops     BOOLEAN      NOT NULL DEFAULT FALSE,
  version       INT          NOT NULL DEFAULT 0,
  created_at    TIMESTAMP(6) NOT NULL,
  updated_at    TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (username)
) ENGINE = InnoDB;

CREATE TABLE user_roles (
  username  VARCHAR(64) NOT NULL,
  role_name VARCHAR(64) NOT NULL,
  PRIMARY KEY (username, role_name),
  CONSTRAINT fk_user_roles_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE,
  CONSTRAINT fk_user_roles_role FOREIGN KEY (role_name) REFERENCES roles (name)
) ENGINE = InnoDB;

CREATE TABLE user_shops (
  username VARCHAR(64) NOT NULL,
  shop_id  VARCHAR(64) NOT NULL,
  PRIMARY KEY (username, shop_id),
  CONSTRAINT fk_user_shops_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB;

-- API keys are stored as SHA-256 hashes; the key itself is shown once, at creation.
CREATE TABLE api_keys (
  key_id     VARCHAR(32)  NOT NULL,
  name       VARCHAR(100) NOT NULL,
  key_hash   CHAR(64)     NOT NULL,
  key_prefix VARCHAR(16)  NOT NULL,
  all_shops  BOOLEAN      NOT NULL DEFAULT FALSE,
  created_by VARCHAR(64)  NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  revoked_at TIMESTAMP(6) NULL,
  PRIMARY KEY (key_id),
  UNIQUE KEY uk_api_keys_hash (key_hash)
) ENGINE = InnoDB;

CREATE TABLE api_key_roles (
  key_id    VARCHAR(32) NOT NULL,
  role_name VARCHAR(64) NOT NULL,
  PRIMARY KEY (key_id, role_name),
  CONSTRAINT fk_api_key_roles_key FOREIGN KEY (key_id) REFERENCES api_keys (key_id) ON DELETE CASCADE,
  CONSTRAINT fk_api_key_roles_role FOREIGN KEY (role_name) REFERENCES roles (name)
) ENGINE = InnoDB;

CREATE TABLE api_key_shops (
  key_id  VARCHAR(32) NOT NULL,
  shop_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (key_id, shop_id),
  CONSTRAINT fk_api_key_shops_key FOREIGN KEY (key_id) REFERENCES api_keys (key_id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- Append-only audit trail: the triggers refuse any change to a written entry.
CREATE TABLE audit_log (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  at             TIMESTAMP(6)  NOT NULL,
  actor          VARCHAR(100)  NOT NULL,
  actor_type     VARCHAR(16)   NOT NULL,
  action         VARCHAR(64)   NOT NULL,
  target_type    VARCHAR(32)   NULL,
  target_key     VARCHAR(128)  NULL,
  shop_id        VARCHAR(64)   NULL,
  outcome        VARCHAR(16)   NOT NULL,
  source_address VARCHAR(64)   NULL,
  detail         VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  KEY ix_audit_at (at),
  KEY ix_audit_actor (actor, at),
  KEY ix_audit_action (action, at)
) ENGINE = InnoDB;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit log is append-only';

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit log is append-only';

-- The task inbox: user tasks collected from the engine. Engine keys are unique per engine run
-- only (the embedded engine starts afresh), hence the run next to the job key.
CREATE TABLE user_tasks (
  task_id              VARCHAR(32)  NOT NULL,
  engine_run           VARCHAR(36)  NOT NULL,
  job_key              BIGINT       NOT NULL,
  process_instance_key BIGINT       NOT NULL,
  process_id           VARCHAR(100) NOT NULL,
  element_id           VARCHAR(100) NOT NULL,
  name                 VARCHAR(200) NOT NULL,
  business_key         VARCHAR(128) NULL,
  order_sn             VARCHAR(32)  NULL,
  shop_id              VARCHAR(64)  NULL,
  candidate_groups     VARCHAR(500) NOT NULL,
  assignee             VARCHAR(64)  NULL,
  due_date             TIMESTAMP(6) NULL,
  form_id              VARCHAR(100) NULL,
  form_fields          MEDIUMTEXT   NULL,
  excluded_user        VARCHAR(64)  NULL,
  variables            MEDIUMTEXT   NULL,
  status               VARCHAR(16)  NOT NULL,
  created_at           TIMESTAMP(6) NOT NULL,
  completed_at         TIMESTAMP(6) NULL,
  completed_by         VARCHAR(64)  NULL,
  PRIMARY KEY (task_id),
  UNIQUE KEY uk_user_tasks_job (engine_run, job_key),
  KEY ix_user_tasks_business_key (business_key),
  KEY ix_user_tasks_instance (process_instance_key),
  KEY ix_user_tasks_status (status, created_at)
) ENGINE = InnoDB;

CREATE TABLE user_task_groups (
  group_name VARCHAR(64) NOT NULL,
  task_id    VARCHAR(32) NOT NULL,
  PRIMARY KEY (group_name, task_id),
  CONSTRAINT fk_user_task_groups_task FOREIGN KEY (task_id) REFERENCES user_tasks (task_id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- Camunda forms as deployed: the engine names a job-worker task's form by its key.
CREATE TABLE forms (
  form_key    BIGINT       NOT NULL,
  form_id     VARCHAR(100) NOT NULL,
  version     INT          NOT NULL,
  schema_json MEDIUMTEXT   NOT NULL,
  PRIMARY KEY (form_key),
  KEY ix_forms_form_id (form_id, version)
) ENGINE = InnoDB;

-- Failed jobs (retries exhausted) and dead-lettered connector messages.
CREATE TABLE incidents (
  incident_id          BIGINT        NOT NULL AUTO_INCREMENT,
  kind                 VARCHAR(16)   NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  engine_run           VARCHAR(36)   NULL,
  job_key              BIGINT        NULL,
  process_instance_key BIGINT        NULL,
  element_id           VARCHAR(100)  NULL,
  job_type             VARCHAR(100)  NULL,
  source               VARCHAR(100)  NULL,
  business_key         VARCHAR(128)  NULL,
  shop_id              VARCHAR(64)   NULL,
  error_type           VARCHAR(100)  NULL,
  error_message        VARCHAR(4000) NULL,
  payload              MEDIUMTEXT    NULL,
  headers              TEXT          NULL,
  retries              INT           NOT NULL DEFAULT 0,
  created_at           TIMESTAMP(6)  NOT NULL,
  resolved_at          TIMESTAMP(6)  NULL,
  resolved_by          VARCHAR(64)   NULL,
  PRIMARY KEY (incident_id),
  UNIQUE KEY uk_incidents_job (engine_run, job_key),
  KEY ix_incidents_status (status, created_at),
  KEY ix_incidents_business_key (business_key)
) ENGINE = InnoDB;
