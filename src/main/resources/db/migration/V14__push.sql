-- Personal push messages (Web Push). The application server's public key is kept here so that every
-- node can tell whether its private key (a secret file, never in the database) is the one the
-- devices subscribed with.
CREATE TABLE push_key (
    id          INTEGER      NOT NULL PRIMARY KEY,
    public_key  VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per browser or installed app that accepted notifications; the endpoint is the push
-- service's address for it, p256dh and auth its keys for the payload's encryption.
CREATE TABLE push_device (
    id            UUID          NOT NULL PRIMARY KEY,
    member_id     VARCHAR(300)  NOT NULL,
    -- the lower-case name reports and problems know the person by (an e-mail address, usually)
    person        VARCHAR(300)  NOT NULL,
    endpoint      VARCHAR(2048) NOT NULL,
    p256dh        VARCHAR(100)  NOT NULL,
    auth          VARCHAR(40)   NOT NULL,
    label         VARCHAR(100)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sent_at  TIMESTAMP WITH TIME ZONE,
    last_error    VARCHAR(300)
);
CREATE UNIQUE INDEX push_device_endpoint ON push_device (endpoint);
CREATE INDEX push_device_person ON push_device (person);
CREATE INDEX push_device_member ON push_device (member_id);

-- Which messages a person wants; no row: all of them.
CREATE TABLE push_preference (
    member_id    VARCHAR(300) NOT NULL PRIMARY KEY,
    findings     BOOLEAN      NOT NULL,
    finished     BOOLEAN      NOT NULL,
    escalations  BOOLEAN      NOT NULL
);

-- Messages to send, one per device: stored first, then posted; 429 and 5xx answers come back later
-- (Retry-After), until the message's TTL has passed.
CREATE TABLE push_outbox (
    id               UUID          NOT NULL PRIMARY KEY,
    device_id        UUID          NOT NULL REFERENCES push_device (id) ON DELETE CASCADE,
    kind             VARCHAR(16)   NOT NULL,
    payload          VARCHAR(4000) NOT NULL,
    topic            VARCHAR(32),
    urgency          VARCHAR(8)    NOT NULL,
    ttl_seconds      INTEGER       NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts         INTEGER       NOT NULL,
    status           VARCHAR(8)    NOT NULL,
    -- the attempt that holds the row: every outcome is written only by the attempt that claimed it
    claim            VARCHAR(36),
    last_error       VARCHAR(300),
    sent_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX push_outbox_due ON push_outbox (status, next_attempt_at);
CREATE INDEX push_outbox_device ON push_outbox (device_id);
