#!/usr/bin/env bash
# Pageview ingestion of a running stack (deploy/local/run.sh in another terminal): publishes N
# pageviews and times until the anomaly service counts them all, beside the raw consume rate of
# the same records in the same run. Usage: deploy/local/bench/pageview-ingestion.sh [N]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
. "$ROOT/deploy/local/.data/local.env"
[ -d "$ROOT/deploy/local/benchmark/target/lib" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl deploy/local/benchmark -am) >&2
TOKEN="${STATALOG_OPERATOR_TOKEN:-$GENERATED_OPERATOR_TOKEN}"
java -Xmx512m -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
  -cp "$ROOT/deploy/local/benchmark/target/classes:$ROOT/deploy/local/benchmark/target/lib/*" com.statalog.webhooks.benchmark.PageviewBenchmark \
  "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" http://127.0.0.1:8083 "$TOKEN" "${1:-300000}"
