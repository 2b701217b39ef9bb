#!/usr/bin/env bash
# The dispatcher's memory with many webhooks each holding a small backlog (docs/delivery.md):
# starts its own Kafka broker and dispatcher (the packaged jar, 96 MB heap as in the local stack),
# loads WEBHOOKS webhooks, publishes EVENTS events to each and prints resident memory once loaded
# (the baseline) and at its peak, with the lanes and parked attempts at their highest.
# Usage: deploy/local/bench/many-webhooks.sh [WEBHOOKS] [EVENTS] [HOSTS]   (default 100000 2 10)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/packaged-dispatcher.sh" ManyWebhooksBenchmark -Ddispatcher.heap="${DISPATCHER_HEAP:-96m}" \
  "${1:-100000}" "${2:-2}" "${3:-10}"
