#!/usr/bin/env bash
# Runs every test. Beyond a JDK 17, the receiver-guide tests run the examples in docs/receivers/
# with node, python3 and php, and the admin pages' test drives headless chromium through
# chromedriver, and the monitoring's test runs promtool (Debian: prometheus): this installs
# whichever is missing from Debian (as root) and the Node.js
# example's npm packages (npm ci), then runs the Maven build (arguments go to Maven), and last
# README's "Your first webhook" against the whole system (deploy/local/first-webhook.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# command → Debian package providing it
declare -A packages=([php]=php-cli [node]=nodejs [npm]=npm [python3]=python3 [chromium]=chromium [chromedriver]=chromium-driver
  [promtool]=prometheus)
missing=()
for tool in php node npm python3 chromium chromedriver promtool; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${packages[$tool]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "the tests need: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
npm ci --prefix docs/receivers/node --no-audit --no-fund --loglevel=error

./mvnw -B verify "$@"

# README's "Your first webhook", run as written against the stack run.sh starts
deploy/local/first-webhook.sh
