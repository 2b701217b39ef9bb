#!/usr/bin/env bash
# Every performance figure of the system in one run (docs/performance.md), each beside a baseline
# measured in the same run: dispatch throughput (baselines: wrk against the same receiver, a raw
# consumer of the same topic, CPU per delivery by process), publish-to-receipt latency at 200
# events/s (baseline: Kafka's publish-to-consume), the same with a fifth of the webhooks hanging, resident memory, pageview ingestion (baseline: raw consume) and the
# evaluation of 100 000 sites (baseline: one plain aggregation) and the dispatcher's CPU per delivery with
# tracing on (baseline: off, bench/tracing.sh). Prints a table and one JSON line.
# Uses the running local stack, or starts one (deploy/local/run.sh) and stops it afterwards.
# Usage: deploy/local/bench/run.sh [EVENTS]   (default 50000; needs wrk, installed from Debian if missing)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
EVENTS=${1:-50000}
OUT=$(mktemp -d /tmp/statalog-bench.XXXXXX)
say() { echo "bench: $*" >&2; }

if ! command -v wrk >/dev/null; then
  say "installing wrk (the HTTP baseline) from Debian"
  { apt-get install -y -q wrk || { apt-get update -q && apt-get install -y -q wrk; }; } >/dev/null
fi

ready() { curl -sf "http://127.0.0.1:$((${1} + 1000))/q/health/ready" >/dev/null; } # public port → its management port
if ! (ready 8081 && ready 8082 && ready 8083); then
  say "starting the local stack (log: $OUT/stack.log)"
  setsid "$ROOT/deploy/local/run.sh" > "$OUT/stack.log" 2>&1 &
  STACK=$!
  # TERM to run.sh alone: it stops the services first (they hand over and flush to Kafka), then Kafka
  trap 'kill -TERM "$STACK" 2>/dev/null || true; wait "$STACK" 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    if ready 8081 && ready 8082 && ready 8083; then break; fi
    kill -0 "$STACK" 2>/dev/null || { cat "$OUT/stack.log" >&2; exit 1; }
    sleep 0.5
  done
fi
. "$ROOT/deploy/local/.data/local.env"
[ -d "$ROOT/deploy/local/benchmark/target/lib" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl deploy/local/benchmark -am) >&2
OPERATOR_TOKEN="${STATALOG_OPERATOR_TOKEN:-$GENERATED_OPERATOR_TOKEN}"
SERVICE_TOKEN="${STATALOG_SERVICE_TOKEN:-$GENERATED_SERVICE_TOKEN}"
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}"
JAVA_BENCH=(java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties"
  -cp "$ROOT/deploy/local/benchmark/target/classes:$ROOT/deploy/local/benchmark/target/lib/*")

say "dispatch: $EVENTS events over 50 webhooks, then latency and isolation runs"
"${JAVA_BENCH[@]}" com.statalog.webhooks.benchmark.DispatchBenchmark \
  "$BOOTSTRAP" http://127.0.0.1:8081 http://127.0.0.1:8082 "$OPERATOR_TOKEN" "$SERVICE_TOKEN" "$EVENTS" 50 > "$OUT/dispatch.txt"
say "pageview ingestion"
"${JAVA_BENCH[@]}" com.statalog.webhooks.benchmark.PageviewBenchmark \
  "$BOOTSTRAP" http://127.0.0.1:8083 "$OPERATOR_TOKEN" 300000 | tr ' ' '\n' | sed 's/^/pageview_/' > "$OUT/pageviews.txt"
say "evaluation of 100 000 sites"
"$ROOT/deploy/local/bench/anomaly-evaluation.sh" 100000 | tr ' ' '\n' | sed 's/^/evaluation_/' > "$OUT/evaluation.txt"

say "tracing on and off (a dispatcher of its own, on a broker of its own)"
"$ROOT/deploy/local/bench/tracing.sh" | sed 's/^/tracing_/' > "$OUT/tracing.txt"

python3 "$ROOT/deploy/local/bench/report.py" "$OUT"/dispatch.txt "$OUT"/pageviews.txt "$OUT"/evaluation.txt "$OUT"/tracing.txt
