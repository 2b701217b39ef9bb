-- The newest version applied of each configuration entity (header statalog-config-version), deleted
-- ones included: an older message published late (a republished snapshot) is not applied.
CREATE TABLE config_version (
    message_key text PRIMARY KEY,
    version     bigint NOT NULL
);
