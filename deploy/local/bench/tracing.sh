#!/usr/bin/env bash
# What tracing costs the dispatcher (docs/performance.md, "Tracing on and off"), on a Kafka broker of
# its own, spans exported over OTLP to a receiver in the benchmark's JVM:
# - paired: in one packaged dispatcher, phases with the default ratio's share of the events in a
#   sampled trace alternate with phases where none is; CPU per delivery, traced to untraced, per pair;
# - modes: tracing off (the baseline), on with nothing sampled, at the default ratio and with every
#   delivery traced, each a fresh dispatcher, over as many rounds as modes (each round starting one
#   mode later); CPU per delivery and rate beside the baseline's. Processes differ by ~10 %.
# The dispatcher has the local stack's 96 MB heap.
# Usage: deploy/local/bench/tracing.sh [EVENTS] [RATIO]   (default 60000 and the dispatcher's own ratio)
# HEAP=256m: the heap in the Kubernetes manifests; PAIRS=16 (default 8); ROUNDS=0: the paired part alone
set -euo pipefail
# BASELINE_JAR: a dispatcher's quarkus-run.jar built without tracing (e.g. from commit f89c93a), run as a mode too
exec "$(dirname "${BASH_SOURCE[0]}")/packaged-dispatcher.sh" TracingBenchmark ${BASELINE_JAR:+-Dbaseline.jar="$BASELINE_JAR"} \
  ${HEAP:+-Dheap="$HEAP"} ${PAIRS:+-Dpairs="$PAIRS"} ${ROUNDS:+-Drounds="$ROUNDS"} "${1:-60000}" ${2:+"$2"}
