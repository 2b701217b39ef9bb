-- The secret a rotation replaced, still listed in webhook-signature until previous_secret_until.
ALTER TABLE webhook ADD COLUMN previous_secret_key_id text;
ALTER TABLE webhook ADD COLUMN previous_secret_ciphertext bytea;
ALTER TABLE webhook ADD COLUMN previous_secret_until timestamptz;

-- goal.converted restricted to these goal ids and names; both empty: every goal.
ALTER TABLE webhook ADD COLUMN goal_ids bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE webhook ADD COLUMN goal_names text[] NOT NULL DEFAULT '{}';
