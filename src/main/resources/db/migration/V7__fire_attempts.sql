-- A scheduled fire whose node died is retried once by a surviving node: attempts counts the runs.
ALTER TABLE schedule_fire ADD COLUMN attempts INTEGER DEFAULT 1 NOT NULL;
