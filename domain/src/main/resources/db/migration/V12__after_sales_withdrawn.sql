-- When the buyer withdrew an after-sales request on the platform: kept with the case, so a case
-- whose process has to be started again (an engine that could not resume) still closes it.
ALTER TABLE after_sales ADD COLUMN withdrawn_at TIMESTAMP(6) NULL AFTER closed_at;
