-- End-to-end probes: requested through the API, recorded by a job worker.
CREATE TABLE self_checks (
  check_id             VARCHAR(36)  NOT NULL,
  requested_at         TIMESTAMP(6) NOT NULL,
  recorded_at          TIMESTAMP(6) NULL,
  process_instance_key BIGINT       NULL,
  worker               VARCHAR(100) NULL,
  PRIMARY KEY (check_id)
) ENGINE = InnoDB;
