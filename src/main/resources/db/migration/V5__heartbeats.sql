-- A running execution beats; one whose node stopped beating is marked interrupted by any node.
ALTER TABLE execution ADD COLUMN node VARCHAR(128);
ALTER TABLE execution ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
