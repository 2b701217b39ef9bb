-- The delivery log, sized for 30 days at 10 000 deliveries/s (docs/performance.md, "The delivery
-- log at scale"): one row per delivery with its attempts inline (a delivery delivered at its first
-- attempt is one insert and two index entries), in daily partitions of the delivery's creation
-- time, so that retention drops a day whole instead of deleting rows.
ALTER TABLE delivery RENAME TO delivery_v7;
ALTER TABLE delivery_attempt RENAME TO delivery_attempt_v7;
ALTER TABLE delivery_v7 RENAME CONSTRAINT delivery_pkey TO delivery_v7_pkey;
DROP INDEX delivery_webhook_page_idx, delivery_created_idx, delivery_webhook_ended_idx;

CREATE TABLE delivery (
    webhook_id          uuid        NOT NULL,
    id                  uuid        NOT NULL,
    account_id          uuid        NOT NULL,
    -- when the dispatcher made the delivery: every attempt record carries it, so it keys the row
    created_at          timestamptz NOT NULL,
    -- when the delivery reached its present final state; null while attempts may follow
    ended_at            timestamptz,
    -- when the last replay was asked for: a replay no attempt has answered for a while may be asked for again
    replay_requested_at timestamptz,
    -- (replay, last_attempt): the series and attempt the status belongs to; the status moves only
    -- forward in it. 0 is the original series, n the n-th replay; a replay asked for sets (n, 0).
    replay              int         NOT NULL,
    last_attempt        int         NOT NULL,
    test                boolean     NOT NULL,
    event               text        NOT NULL,
    site_id             text,
    status              text        NOT NULL,
    -- [{replay, attempt, at, status_code, error, duration_ms, response_excerpt}], each once, in arrival order
    attempts            jsonb       NOT NULL,
    -- the exact bytes sent, kept once the delivery has ended so that it can be replayed
    body                bytea,
    -- the list's order (a webhook's deliveries newest first) and the upsert's key in one index
    PRIMARY KEY (webhook_id, created_at, id)
) PARTITION BY RANGE (created_at);
-- a delivery named by its id alone (replay one, show one)
CREATE INDEX delivery_id_idx ON delivery USING hash (id);
-- auto-disable counts the drops since a webhook's last success; drops are the rare rows
CREATE INDEX delivery_dropped_idx ON delivery (webhook_id, ended_at) WHERE status = 'dropped';

-- When each webhook last had a delivery succeed: kept per batch (greatest), so that judging a
-- webhook does not need an index over every delivered row.
CREATE TABLE webhook_last_delivered (
    webhook_id uuid        PRIMARY KEY,
    at         timestamptz NOT NULL
);

-- The partition of one UTC day, created if missing; serialised so that replicas may race.
CREATE FUNCTION delivery_partition(day date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('delivery_partition', 8));
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF delivery FOR VALUES FROM (%L) TO (%L)',
                   'delivery_' || to_char(day, 'YYYYMMDD'),
                   day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
END
$$;

SELECT delivery_partition(day::date)
FROM (SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date AS day FROM delivery_v7
      UNION SELECT (now() AT TIME ZONE 'UTC')::date) AS days;

INSERT INTO delivery (webhook_id, id, account_id, created_at, ended_at, replay_requested_at, replay, last_attempt, test,
                      event, site_id, status, attempts, body)
SELECT d.webhook_id, d.id::uuid, d.account_id, d.created_at, d.ended_at, d.replay_requested_at, d.replay, d.last_attempt,
       d.test, d.event, d.site_id, d.status,
       coalesce((SELECT jsonb_agg(jsonb_build_object('replay', a.replay, 'attempt', a.attempt, 'at', a.at,
                                                     'status_code', a.status_code, 'error', a.error,
                                                     'duration_ms', a.duration_ms, 'response_excerpt', a.response_excerpt)
                                  ORDER BY a.replay, a.attempt)
                 FROM delivery_attempt_v7 a WHERE a.delivery_id = d.id), '[]'::jsonb),
       d.body
FROM delivery_v7 d;

INSERT INTO webhook_last_delivered (webhook_id, at)
SELECT webhook_id, max(ended_at) FROM delivery_v7 WHERE status = 'delivered' AND ended_at IS NOT NULL GROUP BY webhook_id;

DROP TABLE delivery_attempt_v7;
DROP TABLE delivery_v7;
