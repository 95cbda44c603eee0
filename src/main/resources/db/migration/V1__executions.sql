-- Executions of the release check, their log lines and their findings.
-- Portable between H2 (embedded default) and PostgreSQL (production).
CREATE TABLE execution (
    id                UUID PRIMARY KEY,
    project           VARCHAR(64)  NOT NULL,
    release_name      VARCHAR(128),
    packaging_release VARCHAR(128),
    trigger_kind      VARCHAR(16)  NOT NULL,
    triggered_by      VARCHAR(256),
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    status            VARCHAR(16)  NOT NULL,
    options           TEXT         NOT NULL,
    summary           TEXT,
    report            TEXT,
    error             TEXT
);
CREATE INDEX execution_by_release ON execution (project, release_name, started_at);
CREATE INDEX execution_by_start ON execution (started_at);

CREATE TABLE execution_log (
    execution_id UUID        NOT NULL REFERENCES execution (id) ON DELETE CASCADE,
    seq          INTEGER     NOT NULL,
    logged_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    level        VARCHAR(8)  NOT NULL,
    message      TEXT        NOT NULL,
    PRIMARY KEY (execution_id, seq)
);

CREATE TABLE finding (
    execution_id UUID         NOT NULL REFERENCES execution (id) ON DELETE CASCADE,
    ticket       VARCHAR(64)  NOT NULL,
    category     VARCHAR(32)  NOT NULL,
    severity     VARCHAR(16)  NOT NULL,
    assignee     VARCHAR(256),
    detail       TEXT         NOT NULL
);
CREATE INDEX finding_by_execution ON finding (execution_id);
CREATE INDEX finding_by_ticket ON finding (ticket);
