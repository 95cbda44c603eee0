-- Usage statistics without personal data: daily roll-ups only. A dimension is a page template, a
-- feature, a device class, a service or an API token's name; never a person, an address or a key.
CREATE TABLE usage_day (
    on_day     DATE         NOT NULL,
    metric     VARCHAR(32)  NOT NULL,
    dimension  VARCHAR(100) NOT NULL,
    amount     BIGINT       NOT NULL,
    PRIMARY KEY (on_day, metric, dimension)
);

-- Today's visitors, as keyed hashes (the key changes every day and lives in a secret file, not
-- here): counted into usage_day once the day is over, then deleted.
CREATE TABLE usage_visitor (
    on_day  DATE        NOT NULL,
    hash    VARCHAR(64) NOT NULL,
    device  VARCHAR(8)  NOT NULL,
    PRIMARY KEY (on_day, hash)
);

-- A one-way fingerprint of each day's salt, so a node whose salt differs from the others' (it would
-- count everyone once more) finds out; gone with the day's hashes.
CREATE TABLE usage_key (
    on_day       DATE        NOT NULL PRIMARY KEY,
    fingerprint  VARCHAR(32) NOT NULL
);

CREATE INDEX execution_by_end ON execution (ended_at);
