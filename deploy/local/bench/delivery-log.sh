#!/usr/bin/env bash
# The delivery log at scale (docs/performance.md): loads ATTEMPTS attempts (default 20 million)
# over 30 daily partitions of a scratch database with the registry's schema (its Flyway
# migrations), then measures with the registry's own statements: insert cost per delivery (the
# service's batched upsert, COPY then upsert, and the floor: COPY into a table without an index),
# the API's list latency p50/p99 for a heavy and a light webhook, dropping a day against deleting
# it, and the size per delivery and per day. Prints key=value lines. Needs ~15 GB of disk for 20M.
# Usage: deploy/local/bench/delivery-log.sh [ATTEMPTS]   (PostgreSQL on 127.0.0.1:5432, psql on PATH)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
ATTEMPTS=${1:-20000000}
DB=delivery_log_bench
PSQL=(psql -q -X -h 127.0.0.1 -U "${STATALOG_DB_USER:-postgres}")
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" 2>/dev/null
ls "$ROOT"/registry-service/src/main/resources/db/migration/V*.sql | sort -V | xargs cat | "${PSQL[@]}" -d "$DB" >/dev/null
[ -d "$ROOT/deploy/local/benchmark/target/lib" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl deploy/local/benchmark -am) >&2
java -Xms256m -Xmx1g -cp "$ROOT/deploy/local/benchmark/target/classes:$ROOT/deploy/local/benchmark/target/lib/*" \
  com.statalog.webhooks.benchmark.DeliveryLogBenchmark "jdbc:postgresql://127.0.0.1:5432/$DB" "${STATALOG_DB_USER:-postgres}" \
  "$ATTEMPTS" "$ROOT/registry-service/src/main/java"
"${PSQL[@]}" -d postgres -c "DROP DATABASE $DB"
