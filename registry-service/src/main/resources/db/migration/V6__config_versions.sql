-- The version of the entity a configuration message carries (header statalog-config-version):
-- consumers ignore a message older than the state they hold, so a republished snapshot can never
-- bring back an older state. Null for the messages of other topics (replays, notices).
ALTER TABLE config_outbox ADD COLUMN config_version bigint;
