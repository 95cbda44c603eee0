-- One check per release at a time, across every node sharing the database: a running check
-- holds its release's row; a second insert for the same release fails on the primary key.
CREATE TABLE release_lock (
    project      VARCHAR(64)  NOT NULL,
    release_name VARCHAR(128) NOT NULL,
    execution_id UUID         NOT NULL,
    locked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project, release_name)
);
