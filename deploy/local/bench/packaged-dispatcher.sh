#!/usr/bin/env bash
# Runs a benchmark class that starts its own Kafka broker and packaged dispatchers (DispatcherProcess),
# building what is missing first; their process logs go to dispatcher-service/target.
# Usage: packaged-dispatcher.sh CLASS [-Dname=value …] [ARGS…]   (JVM options first, then the class's arguments)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
if [ ! -f "$ROOT/dispatcher-service/target/quarkus-app/quarkus-run.jar" ] || [ ! -d "$ROOT/deploy/local/benchmark/target/lib" ]; then
  echo "bench: building (./mvnw package -DskipTests)" >&2
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
fi
class=$1
shift
options=()
while [ $# -gt 0 ] && [[ $1 == -D* ]]; do options+=("$1"); shift; done
cd "$ROOT/dispatcher-service"
exec java -Xms256m -Xmx1g "${options[@]}" -Ddispatcher.jar="$ROOT/dispatcher-service/target/quarkus-app/quarkus-run.jar" \
  -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
  -cp "$ROOT/deploy/local/benchmark/target/classes:$ROOT/deploy/local/benchmark/target/lib/*" \
  "com.statalog.webhooks.benchmark.$class" "$@"
