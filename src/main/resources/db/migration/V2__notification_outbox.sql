-- The Teams outbox: one row per card of an execution's notification, sent in order. A row stays
-- pending until the webhook accepted it; the webhook URL itself (a secret) is never stored.
CREATE TABLE notification (
    execution_id    UUID         NOT NULL REFERENCES execution (id) ON DELETE CASCADE,
    part            INTEGER      NOT NULL,
    parts           INTEGER      NOT NULL,
    payload         TEXT         NOT NULL,
    idempotency_key VARCHAR(80)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (execution_id, part)
);
CREATE INDEX notification_by_status ON notification (status);
