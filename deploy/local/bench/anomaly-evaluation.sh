#!/usr/bin/env bash
# Times the anomaly service's evaluation statement (taken from Evaluator.java, as the service runs
# it) over 100 000 subscribed sites with 31 days of totals, beside a baseline measured in the same
# run: one plain aggregation over the same totals. Uses a scratch database, anomaly_bench.
# Usage: deploy/local/bench/anomaly-evaluation.sh [SITES]   (PostgreSQL on 127.0.0.1:5432, psql on PATH)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SITES=${1:-100000}
PSQL=(psql -q -X -h 127.0.0.1 -U "${STATALOG_DB_USER:-postgres}")
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS anomaly_bench" -c "CREATE DATABASE anomaly_bench" 2>/dev/null
cat "$ROOT"/anomaly-service/src/main/resources/db/migration/V*.sql | "${PSQL[@]}" -d anomaly_bench
"${PSQL[@]}" -d anomaly_bench <<SQL
INSERT INTO site_account SELECT 'ST-' || g, md5(g::text)::uuid FROM generate_series(1, $SITES) g;
INSERT INTO traffic_subscription SELECT md5('w' || g)::uuid, md5(g::text)::uuid, 'ST-' || g, true, true, 50, 50
  FROM generate_series(1, $SITES) g;
INSERT INTO daily_visitors (site_id, day, visitors) SELECT 'ST-' || g, DATE '2025-04-23' - d, 1000 + (g % 97) * 10 + (d % 7)
  FROM generate_series(1, $SITES) g, generate_series(1, 30) d;
INSERT INTO daily_visitors (site_id, day, visitors) SELECT 'ST-' || g, DATE '2025-04-23',
  CASE WHEN g % 10 = 0 THEN 5000 WHEN g % 10 = 1 THEN 100 ELSE 1000 END FROM generate_series(1, $SITES) g;
VACUUM ANALYZE;
SQL
python3 - "$ROOT" > /tmp/anomaly-evaluation.sql <<'PY'
import sys
src = open(sys.argv[1] + '/anomaly-service/src/main/java/com/statalog/webhooks/anomaly/evaluation/Evaluator.java').read()
sql = src[src.index('"""') + 3:]
sql = sql[:sql.index('"""')]
params = iter(["'2025-04-23'", "30", "'2025-04-23'", "'2025-04-23'", "7", "'2025-04-23'", "now()"])
print("\\timing on")
print("SELECT count(*) FROM (SELECT site_id, avg(visitors) FROM daily_visitors GROUP BY site_id) baseline;")
print("".join(next(params) if c == "?" else c for c in sql) + ";")
PY
times=$("${PSQL[@]}" -d anomaly_bench -f /tmp/anomaly-evaluation.sql | grep '^Time:' | awk '{print $2}')
baseline=$(echo "$times" | sed -n 1p); evaluation=$(echo "$times" | sed -n 2p)
events=$("${PSQL[@]}" -d anomaly_bench -t -A -c "SELECT count(*) FROM anomaly_ledger")
printf 'sites=%s baseline_aggregation_ms=%s evaluation_ms=%s ratio=%.2f events_claimed=%s\n' \
  "$SITES" "$baseline" "$evaluation" "$(python3 -c "print($evaluation / $baseline)")" "$events"
"${PSQL[@]}" -d postgres -c "DROP DATABASE anomaly_bench"
