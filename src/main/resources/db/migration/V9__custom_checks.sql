-- Custom checks: findings of category custom:<name> (up to 47 characters), some about the release as a
-- whole (no ticket).
ALTER TABLE finding ALTER COLUMN category SET DATA TYPE VARCHAR(64);
ALTER TABLE finding ALTER COLUMN ticket DROP NOT NULL;

-- Every version of the custom check definitions, as the document people wrote (YAML or JSON); the
-- highest version is in force. Secrets are names here, never values.
CREATE TABLE custom_check_version (
    version    INTEGER      NOT NULL PRIMARY KEY,
    document   TEXT         NOT NULL,
    changed_by VARCHAR(128) NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    change     VARCHAR(200) NOT NULL
);
