#!/usr/bin/env bash
# Runs README's "Your first webhook" as a new user would, and fails unless it ends in signed
# deliveries the receiver verified: starts deploy/local/run.sh (the first terminal), runs the
# section's ```bash blocks in order in one shell (the second terminal), then waits until the
# delivery log shows the published goal.converted delivered with the receiver guide's 204 (a valid
# signature) and the Send Test refused with its 401 (the spec's test is unsigned), and the admin
# pages answer; then that every metric the monitoring names is served (check-metrics.py). Run by
# deploy/local/test.sh after the Maven build; needs
# the ports run.sh uses (8081-8083, their management ports 9081-9083, 9092, 9000 for the receiver)
# to be free.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d)
say() { printf '[first-webhook] %s\n' "$*"; }

awk '/^## Your first webhook/ { on = 1; next } /^## / { on = 0 } on' README.md \
  | awk '/^```bash$/ { code = 1; next } /^```$/ { code = 0 } code' > "$WORK/steps.sh"
[ -s "$WORK/steps.sh" ] || { say "README has no bash steps under \"## Your first webhook\""; exit 1; }

deploy/local/run.sh > "$WORK/run.log" 2>&1 &
RUN=$!
stop() { # the stack down and the scratch files gone, keeping this script's own outcome
  local status=$?
  kill -TERM $RUN 2>/dev/null || true
  wait $RUN 2>/dev/null || true
  rm -rf "$WORK"
  exit $status
}
trap stop EXIT
for _ in $(seq 1 600); do
  grep -q "Statalog Webhooks is running" "$WORK/run.log" && break
  kill -0 $RUN 2>/dev/null || { cat "$WORK/run.log"; say "run.sh stopped"; exit 1; }
  sleep 0.5
done
grep -q "Statalog Webhooks is running" "$WORK/run.log" || { cat "$WORK/run.log"; say "the stack did not start"; exit 1; }
say "stack up; running the README's steps"

cat >> "$WORK/steps.sh" <<'CHECK'

# --- not in the README: the check that the steps worked ---
answers() { # "event:status_code" of each delivery's last attempt, from the log's JSON
  python3 -c 'import json, sys
items = json.load(sys.stdin)["items"]
print(" ".join(sorted(i["event"] + ":" + str(i["attempts"][-1]["status_code"]) for i in items if i["status"] in ("delivered", "dropped"))))'
}
expected="goal.converted:204 test:401"
for _ in $(seq 1 120); do
  seen=$(curl -sf "$API/webhooks/$ID/deliveries" -H "Authorization: Bearer $KEY" | answers)
  [ "$seen" = "$expected" ] && break
  sleep 0.5
done
kill %1
[ "$seen" = "$expected" ] || { echo "[first-webhook] the receiver answered: '$seen', expected '$expected'"; exit 1; }
curl -sf -o /dev/null http://127.0.0.1:8081/ui/
echo "[first-webhook] goal.converted delivered and its signature verified by the receiver guide's example"
CHECK
bash -euo pipefail "$WORK/steps.sh"

# the monitoring's metrics, against the services that have just delivered
python3 deploy/local/check-metrics.py
