-- Whether a schedule's Teams card @mentions people (as the Release Check form lets a person choose);
-- schedules made before always did.
ALTER TABLE schedule ADD COLUMN mentions BOOLEAN DEFAULT TRUE NOT NULL;
