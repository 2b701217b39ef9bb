-- Whether PostgreSQL compresses a delivery row of the log (docs/performance.md, "The log's size"):
-- 600 000 rows of the delivery-log benchmark's shape into a plain table and into tables with
-- toast_tuple_target = 128 and lz4 / pglz; prints insert times, sizes and how many bodies were compressed.
-- Usage: psql -h 127.0.0.1 -U postgres -f deploy/local/bench/toast-probe.sql   (makes and keeps database toast_probe)
\set ON_ERROR_STOP on
DROP DATABASE IF EXISTS toast_probe;
CREATE DATABASE toast_probe;
\c toast_probe
CREATE TABLE src (webhook_id uuid NOT NULL, id uuid NOT NULL, account_id uuid NOT NULL, created_at timestamptz NOT NULL,
  ended_at timestamptz, replay_requested_at timestamptz, replay int NOT NULL, last_attempt int NOT NULL, test boolean NOT NULL,
  event text NOT NULL, site_id text, status text NOT NULL, attempts jsonb NOT NULL, body bytea);
INSERT INTO src (webhook_id, id, account_id, created_at, ended_at, replay, last_attempt, test, event, site_id, status, attempts, body)
SELECT w, md5('d/' || g)::uuid, md5('a' || w)::uuid, at, at + (n - 1) * interval '5 minutes', 0, n, false,
       'goal.converted', 'ST-' || (g % 997), CASE WHEN n = 6 THEN 'dropped' ELSE 'delivered' END,
       (SELECT jsonb_agg(jsonb_build_object('replay', 0, 'attempt', a, 'at', at + (a - 1) * interval '5 minutes',
               'status_code', CASE WHEN a = 3 OR n = 1 THEN 200 ELSE 500 END,
               'error', CASE WHEN a = 3 OR n = 1 THEN NULL ELSE 'http_status' END,
               'duration_ms', 20 + g % 200, 'response_excerpt', 'ok'))
        FROM generate_series(1, n) a),
       convert_to(format('{"type":"goal.converted","id":"%s","created_at":"%s","data":{"site_id":"ST-%s",'
           || '"goal_id":%s,"goal_name":"Signup","visitor_id":"%s","session_id":"%s","url":"https://example.com/pricing",'
           || '"referrer":"https://www.google.com/","country":"DE","device":"desktop","browser":"Firefox"}}',
           md5('d/' || g), at, g % 997, g % 50, md5('v' || g), md5('s' || g)), 'UTF8')
FROM (SELECT g, md5('w' || (g % 997))::uuid AS w, TIMESTAMPTZ '2026-11-01 00:00:00+00' + g * interval '1 millisecond' AS at,
             CASE WHEN g % 100 = 0 THEN 6 WHEN g % 100 < 3 THEN 3 ELSE 1 END AS n
      FROM generate_series(0, 299999) g) rows;
CREATE TABLE plain (LIKE src);
ALTER TABLE plain ADD PRIMARY KEY (webhook_id, created_at, id);
CREATE TABLE squeezed (LIKE src) WITH (toast_tuple_target = 128);
ALTER TABLE squeezed ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN attempts SET COMPRESSION lz4;
ALTER TABLE squeezed ADD PRIMARY KEY (webhook_id, created_at, id);
CREATE TABLE squeezed_pglz (LIKE src) WITH (toast_tuple_target = 128);
ALTER TABLE squeezed_pglz ADD PRIMARY KEY (webhook_id, created_at, id);
CHECKPOINT;
\timing on
INSERT INTO plain SELECT * FROM src;
INSERT INTO squeezed SELECT * FROM src;
INSERT INTO squeezed_pglz SELECT * FROM src;
INSERT INTO plain SELECT webhook_id, gen_random_uuid(), account_id, created_at, ended_at, replay_requested_at, replay, last_attempt, test, event, site_id, status, attempts, body FROM src;
INSERT INTO squeezed SELECT webhook_id, gen_random_uuid(), account_id, created_at, ended_at, replay_requested_at, replay, last_attempt, test, event, site_id, status, attempts, body FROM src;
INSERT INTO squeezed_pglz SELECT webhook_id, gen_random_uuid(), account_id, created_at, ended_at, replay_requested_at, replay, last_attempt, test, event, site_id, status, attempts, body FROM src;
SELECT sum(length(body)) FROM plain;
SELECT sum(length(body)) FROM squeezed;
SELECT sum(length(body)) FROM squeezed_pglz;
\timing off
SELECT relname, pg_relation_size(oid) / 600000.0 AS heap_b, pg_table_size(oid) / 600000.0 AS table_b,
       (SELECT count(*) FROM pg_class t WHERE t.oid = c.reltoastrelid) AS has_toast
FROM pg_class c WHERE relname IN ('plain', 'squeezed', 'squeezed_pglz');
SELECT avg(length(body)) AS body_b, avg(pg_column_size(body)) AS stored_body_b, avg(pg_column_size(attempts)) AS stored_attempts_b,
       count(*) FILTER (WHERE pg_column_compression(body) IS NOT NULL) AS compressed FROM squeezed;
SELECT avg(pg_column_size(body)) AS stored_body_b, count(*) FILTER (WHERE pg_column_compression(body) IS NOT NULL) AS compressed FROM squeezed_pglz;
SELECT avg(pg_column_size(body)) AS stored_body_b, count(*) FILTER (WHERE pg_column_compression(body) IS NOT NULL) AS compressed FROM plain;
