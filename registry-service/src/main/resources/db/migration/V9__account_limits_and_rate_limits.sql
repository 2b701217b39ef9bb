-- The operator's overrides of an account's limits (statalog.limits.*): a null column keeps the default.
CREATE TABLE account_limits (
    account_id  uuid        PRIMARY KEY REFERENCES account (id),
    webhooks    integer     CHECK (webhooks >= 0),
    sites       integer     CHECK (sites >= 0),
    api_keys    integer     CHECK (api_keys >= 0),
    updated_at  timestamptz NOT NULL
);

-- The API's rate limits (ratelimit.SharedBuckets): one token bucket per policy and subject, shared by the
-- registry's replicas; expires_at (epoch milliseconds) is when the bucket would be full again.
CREATE TABLE rate_limit_bucket (
    id          text   PRIMARY KEY,
    state       bytea,
    expires_at  bigint
);
CREATE INDEX rate_limit_bucket_expires_idx ON rate_limit_bucket (expires_at);
