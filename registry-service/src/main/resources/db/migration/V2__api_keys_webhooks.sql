-- API keys are stored only as the SHA-256 of their secret part.
CREATE TABLE api_key (
    id           uuid        PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES account (id),
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_key_account_idx ON api_key (account_id);

-- site_id NULL = every site of the account. The signing secret is AES-GCM ciphertext
-- (nonce || ciphertext+tag) under the key named by secret_key_id.
CREATE TABLE webhook (
    id                   uuid         PRIMARY KEY,
    account_id           uuid         NOT NULL REFERENCES account (id),
    name                 text         NOT NULL,
    url                  text         NOT NULL,
    events               text[]       NOT NULL,
    site_id              text         REFERENCES site (site_id),
    spike_threshold_pct  numeric(9,2) NOT NULL,
    drop_threshold_pct   numeric(9,2) NOT NULL,
    enabled              boolean      NOT NULL,
    secret_key_id        text         NOT NULL,
    secret_ciphertext    bytea        NOT NULL,
    created_at           timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL
);
-- the account's list, oldest first, paginated by (created_at, id)
CREATE INDEX webhook_account_page_idx ON webhook (account_id, created_at, id);
