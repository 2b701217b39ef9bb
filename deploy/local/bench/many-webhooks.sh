#!/usr/bin/env bash
# The dispatcher's memory with many webhooks each holding a small backlog (docs/delivery.md):
# starts its own Kafka broker and dispatcher (the packaged jar, 96 MB heap as in the local stack),
# loads WEBHOOKS webhooks, publishes EVENTS events to each and prints resident memory once loaded
# (the baseline) and at its peak, with the lanes and parked attempts at their highest.
# Usage: deploy/local/bench/many-webhooks.sh [WEBHOOKS] [EVENTS] [HOSTS]   (default 100000 2 10)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
if [ ! -f "$ROOT/dispatcher-service/target/quarkus-app/quarkus-run.jar" ] || [ ! -d "$ROOT/deploy/local/benchmark/target/lib" ]; then
  echo "bench: building (./mvnw package -DskipTests)" >&2
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
fi
# the dispatcher it starts (DispatcherProcess) is the packaged one; its process logs go to ./target
cd "$ROOT/dispatcher-service"
exec java -Xms256m -Xmx1g -Ddispatcher.heap="${DISPATCHER_HEAP:-96m}" -Ddispatcher.jar="$ROOT/dispatcher-service/target/quarkus-app/quarkus-run.jar" -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
  -cp "$ROOT/deploy/local/benchmark/target/classes:$ROOT/deploy/local/benchmark/target/lib/*" \
  com.statalog.webhooks.benchmark.ManyWebhooksBenchmark "${1:-100000}" "${2:-2}" "${3:-10}"
