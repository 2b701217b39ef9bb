#!/usr/bin/env bash
# What republishing the configuration costs with many webhooks (docs/config-topic.md), beside the same republish of
# the stack's own webhooks in the same run: the registry's POST /internal/v1/config/republish (reading every entity
# and writing the outbox) and the relay draining the outbox to Kafka. The webhooks are N clones, made in SQL, of one
# created through the API (the dispatcher cannot open a clone's secret, sealed for another id, and skips each with an
# error line); tombstoned and deleted afterwards. Needs the local stack (deploy/local/run.sh in another terminal).
# Usage: deploy/local/bench/republish.sh [N]   (default 100000)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
N=${1:-100000}
. "$ROOT/deploy/local/.data/local.env"
OPERATOR="${STATALOG_OPERATOR_TOKEN:-$GENERATED_OPERATOR_TOKEN}"
SERVICE="${STATALOG_SERVICE_TOKEN:-$GENERATED_SERVICE_TOKEN}"
API=http://127.0.0.1:8081
SQL=(psql -h 127.0.0.1 -U postgres -d registry -tAq -v ON_ERROR_STOP=1)
post() { curl -sf -X POST -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3" "$API$2"; }

# times a republish and the relay until the outbox is empty again; prints KEY_republish_s and KEY_relay_s
measure() {
  local start end
  start=$(date +%s.%N)
  post "$SERVICE" /internal/v1/config/republish '{}' > /dev/null
  end=$(date +%s.%N)
  echo "$1_republish_s=$(awk "BEGIN {print $end - $start}")"
  until [ "$("${SQL[@]}" -c 'SELECT count(*) FROM config_outbox')" = 0 ]; do sleep 0.2; done
  echo "$1_relay_s=$(awk "BEGIN {print $(date +%s.%N) - $end}")"
}

echo "entities_before=$("${SQL[@]}" -c 'SELECT (SELECT count(*) FROM webhook) + (SELECT count(*) FROM site)')"
measure baseline

account=$(post "$OPERATOR" /api/v1/accounts '{"name":"republish bench"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
site="REPUBLISH-$(date +%s)"
post "$OPERATOR" "/api/v1/accounts/$account/sites" "{\"site_id\":\"$site\"}" > /dev/null
key=$(post "$OPERATOR" "/api/v1/accounts/$account/api-keys" '{}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
post "$key" /api/v1/webhooks "{\"name\":\"republish bench\",\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"goal.converted\"],\"site_id\":\"$site\"}" > /dev/null
"${SQL[@]}" -c "INSERT INTO webhook (id, account_id, name, url, events, site_id, spike_threshold_pct, drop_threshold_pct, enabled,
    secret_key_id, secret_ciphertext, created_at, updated_at, enabled_at, version, goal_ids, goal_names)
  SELECT gen_random_uuid(), account_id, 'republish clone', url, events, site_id, spike_threshold_pct, drop_threshold_pct, enabled,
    secret_key_id, secret_ciphertext, created_at, updated_at, enabled_at, 0, goal_ids, goal_names
  FROM webhook, generate_series(1, $N) WHERE account_id = '$account'"
echo "entities=$("${SQL[@]}" -c 'SELECT (SELECT count(*) FROM webhook) + (SELECT count(*) FROM site)')"
measure many

# clean up: tombstones for the clones (so the topic forgets them), then the rows
"${SQL[@]}" -c "INSERT INTO config_outbox (message_key, payload, config_version, created_at)
  SELECT 'webhook:' || id, NULL, version + 1, now() FROM webhook WHERE account_id = '$account' AND name = 'republish clone'"
"${SQL[@]}" -c "DELETE FROM webhook WHERE account_id = '$account' AND name = 'republish clone'"
until [ "$("${SQL[@]}" -c 'SELECT count(*) FROM config_outbox')" = 0 ]; do sleep 0.5; done
