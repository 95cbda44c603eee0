-- The verdict of each execution with a report: its findings per severity, so History shows whether
-- the release was ready without reading every report. Earlier executions get theirs from their findings.
ALTER TABLE execution ADD COLUMN blocking INTEGER;
ALTER TABLE execution ADD COLUMN semi_blocking INTEGER;
ALTER TABLE execution ADD COLUMN minor INTEGER;
UPDATE execution SET
    blocking = (SELECT COUNT(*) FROM finding f WHERE f.execution_id = execution.id AND f.severity = 'blocking'),
    semi_blocking = (SELECT COUNT(*) FROM finding f WHERE f.execution_id = execution.id AND f.severity = 'semi-blocking'),
    minor = (SELECT COUNT(*) FROM finding f WHERE f.execution_id = execution.id AND f.severity = 'minor')
WHERE report IS NOT NULL;
