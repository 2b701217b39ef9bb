CREATE TABLE account (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A site belongs to exactly one account.
CREATE TABLE site (
    site_id     text        PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES account (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX site_account_idx ON site (account_id);

-- Transactional outbox of the configuration topic: written in the same transaction as the change
-- it describes, published and deleted by the relay. A null payload is a tombstone.
CREATE TABLE config_outbox (
    id           bigserial   PRIMARY KEY,
    message_key  text        NOT NULL,
    payload      text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
