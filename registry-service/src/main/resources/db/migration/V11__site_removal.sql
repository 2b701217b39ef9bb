-- A site can be removed and its id later added to another account (docs/config-topic.md, "Versions"): its messages'
-- versions must then keep growing across its lives, so they come from one sequence rather than from the row. Sites
-- made before this have version 1.
CREATE SEQUENCE site_config_version START WITH 2;
ALTER TABLE site ADD COLUMN config_version bigint NOT NULL DEFAULT 1;
