-- Replays. A delivery keeps the exact bytes it sent once it has ended (the dispatcher sends them
-- with the final attempt record), so that it can be sent again without the original event.
ALTER TABLE delivery ADD COLUMN site_id text;
ALTER TABLE delivery ADD COLUMN body bytea;
-- the series last_attempt belongs to: 0 the original attempts, n the n-th replay. The state moves
-- only forward in (replay, last_attempt); a replay asked for sets (n, 0) and status 'pending'.
ALTER TABLE delivery ADD COLUMN replay int NOT NULL DEFAULT 0;
-- when the delivery reached its present final state; null while attempts may follow
ALTER TABLE delivery ADD COLUMN ended_at timestamptz;
-- when the last replay was asked for: a replay no attempt has answered for a while may be asked for again
ALTER TABLE delivery ADD COLUMN replay_requested_at timestamptz;
CREATE INDEX delivery_webhook_ended_idx ON delivery (webhook_id, status, ended_at);

ALTER TABLE delivery_attempt ADD COLUMN replay int NOT NULL DEFAULT 0;
ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_pkey;
ALTER TABLE delivery_attempt ADD PRIMARY KEY (delivery_id, replay, attempt);

-- Replays asked for: the rate limit counts them, and a repeated Idempotency-Key gets the first answer.
CREATE TABLE replay_request (
    id               uuid        PRIMARY KEY,
    account_id       uuid        NOT NULL,
    idempotency_key  text,
    -- the route and body of the request, so that a key reused for a different request is refused
    fingerprint      text        NOT NULL,
    answer           text        NOT NULL,
    requested_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX replay_request_key_idx ON replay_request (account_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX replay_request_recent_idx ON replay_request (account_id, requested_at);

-- Outbox rows name their topic; null is the configuration topic.
ALTER TABLE config_outbox ADD COLUMN topic text;

-- Auto-disable. Failures before enabled_at do not count against the webhook (re-enabling starts afresh).
ALTER TABLE webhook ADD COLUMN enabled_at timestamptz;
UPDATE webhook SET enabled_at = created_at;
ALTER TABLE webhook ALTER COLUMN enabled_at SET NOT NULL;
ALTER TABLE webhook ADD COLUMN disabled_reason text;
ALTER TABLE webhook ADD COLUMN disabled_at timestamptz;
-- optimistic locking: the delivery log may disable a webhook while its account changes it
ALTER TABLE webhook ADD COLUMN version bigint NOT NULL DEFAULT 0;
UPDATE webhook SET disabled_reason = 'manual', disabled_at = updated_at WHERE NOT enabled;
