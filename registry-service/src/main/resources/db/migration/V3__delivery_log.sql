-- The delivery log, built from the dispatcher's attempt records (statalog.webhook-attempts).
-- No foreign key to webhook: records of a deleted webhook may still arrive, and retention
-- deletes deliveries on its own schedule.
CREATE TABLE delivery (
    id            text        PRIMARY KEY,
    webhook_id    uuid        NOT NULL,
    account_id    uuid        NOT NULL,
    event         text        NOT NULL,
    status        text        NOT NULL,
    -- the highest attempt number applied: an older record read late never overwrites a newer state
    last_attempt  int         NOT NULL,
    test          boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL
);
CREATE INDEX delivery_webhook_page_idx ON delivery (webhook_id, created_at DESC, id DESC);
CREATE INDEX delivery_created_idx ON delivery (created_at);

CREATE TABLE delivery_attempt (
    delivery_id       text        NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    attempt           int         NOT NULL,
    at                timestamptz NOT NULL,
    status_code       int,
    error             text,
    duration_ms       bigint      NOT NULL,
    response_excerpt  text,
    PRIMARY KEY (delivery_id, attempt)
);
