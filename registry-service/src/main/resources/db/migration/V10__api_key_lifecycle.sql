-- A key's lifecycle (docs/registry-api.md, "API keys"): an optional expiry, and when it was last used, written at most
-- once a minute per key rather than at every request. A revoked key is deleted.
ALTER TABLE api_key ADD COLUMN expires_at timestamptz;
ALTER TABLE api_key ADD COLUMN last_used_at timestamptz;
