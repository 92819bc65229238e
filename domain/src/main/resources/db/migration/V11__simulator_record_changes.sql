-- The simulated platforms keep recent records in memory and read older ones back from their
-- table: by the time a record changed (increment queries) and by kind and key.
CREATE INDEX simulator_records_changed ON simulator_records (kind, updated_at);
