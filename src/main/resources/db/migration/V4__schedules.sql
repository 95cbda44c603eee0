-- Stored schedules, and each fire claimed once across every node: the primary key of
-- schedule_fire is the claim; a fire nobody ran within the grace period is recorded as missed.
CREATE TABLE schedule (
    id           UUID         PRIMARY KEY,
    name         VARCHAR(128) NOT NULL,
    cron         VARCHAR(128) NOT NULL,
    zone         VARCHAR(64)  NOT NULL,
    parity       VARCHAR(8)   NOT NULL,
    project      VARCHAR(64)  NOT NULL,
    release_name VARCHAR(128),
    skip_steps   VARCHAR(64)  NOT NULL,
    notify       BOOLEAN      NOT NULL,
    thread_link  VARCHAR(1024),
    enabled      BOOLEAN      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE schedule_fire (
    schedule_id  UUID         NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    fire_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by   VARCHAR(128) NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    execution_id UUID,
    detail       TEXT,
    PRIMARY KEY (schedule_id, fire_time)
);
