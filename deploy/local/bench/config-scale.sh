#!/usr/bin/env bash
# The dispatcher's configuration at scale (docs/delivery.md, "Bounded configuration"): the service's own heap, the load
# of BIG webhooks on one site (time, resident memory, live heap), the cost of one change at BIG webhooks on one site
# against 10 (ratio in the same run), and the live heap per webhook at typical and at the largest allowed size, each
# against the dispatcher's estimate. Starts its own Kafka broker and dispatchers (the packaged jar; heap DISPATCHER_HEAP,
# default 256m as in the Kubernetes manifests).
# Usage: deploy/local/bench/config-scale.sh [BIG] [CHANGES] [TYPICAL] [LARGEST]   (default 100000 20000 100000 5000)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/packaged-dispatcher.sh" ConfigScaleBenchmark -Ddispatcher.heap="${DISPATCHER_HEAP:-256m}" \
  "${1:-100000}" "${2:-20000}" "${3:-100000}" "${4:-5000}"
