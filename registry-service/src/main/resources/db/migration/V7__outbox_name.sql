-- The outbox carries replays and account notices besides configuration changes: named for what it is.
ALTER TABLE config_outbox RENAME TO outbox;
ALTER SEQUENCE config_outbox_id_seq RENAME TO outbox_id_seq;
ALTER INDEX config_outbox_pkey RENAME TO outbox_pkey;
