-- User tasks are Camunda user tasks (zeebe:userTask) in Pinflow's own models; models deployed
-- from outside may still use job-worker user tasks. A task keeps the engine's key of either kind
-- and which kind it is, for completing it the right way.
ALTER TABLE user_tasks
  RENAME COLUMN job_key TO engine_key;

ALTER TABLE user_tasks
  ADD COLUMN engine_kind VARCHAR(20) NOT NULL DEFAULT 'JOB_WORKER' AFTER engine_key;
