#!/usr/bin/env bash
# What tracing costs the dispatcher (docs/performance.md, "Tracing"): the same deliveries with tracing
# off (the baseline), at the default sampling ratio and with every delivery traced, in turn and three
# times over, each a fresh packaged dispatcher (96 MB heap as in the local stack) on its own Kafka broker,
# exporting over OTLP to a receiver in the benchmark's JVM. Prints CPU per delivery and rate, each
# beside the baseline's as a ratio.
# Usage: deploy/local/bench/tracing.sh [EVENTS] [RATIO]   (default 60000 0.1)
set -euo pipefail
# BASELINE_JAR: a dispatcher's quarkus-run.jar built without tracing (e.g. from commit f89c93a), run as a mode too
exec "$(dirname "${BASH_SOURCE[0]}")/packaged-dispatcher.sh" TracingBenchmark ${BASELINE_JAR:+-Dbaseline.jar="$BASELINE_JAR"} \
  "${1:-60000}" "${2:-0.1}"
