#!/usr/bin/env bash
# Publishes one event to the local stack's statalog.events, as Statalog's own services would:
#   deploy/local/publish-event.sh goal.converted ST-A1B2C3
# The payload is the spec's example of that type (contracts/examples), for that site, timestamped
# now. Kafka: KAFKA_BOOTSTRAP_SERVERS, default 127.0.0.1:9092 (deploy/local/run.sh's broker).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ $# -ne 2 ]; then
  echo "usage: $0 goal.converted|traffic.spike|traffic.drop SITE_ID" >&2
  exit 2
fi
[ -d "$ROOT/deploy/local/stack/target/lib" ] || { echo "the local stack is not built: run deploy/local/run.sh first" >&2; exit 1; }
exec "$JAVA" -Xmx128m -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
  -cp "$ROOT/deploy/local/stack/target/classes:$ROOT/deploy/local/stack/target/lib/*" \
  com.statalog.webhooks.local.LocalStack publish-event "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" "$1" "$2"
