#!/usr/bin/env bash
# Runs every test. Beyond a JDK 17, the receiver-guide tests run the examples in docs/receivers/
# with node, python3 and php: this installs php-cli from Debian when it is missing (as root) and
# the Node.js example's npm packages (npm ci), then runs the Maven build. Arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if ! command -v php >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq php-cli >/dev/null
  else
    echo "php is needed by the receiver-guide tests: sudo apt-get install php-cli" >&2
    exit 1
  fi
fi
for tool in node npm python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is needed by the receiver-guide tests" >&2; exit 1; }
done
npm ci --prefix docs/receivers/node --no-audit --no-fund --loglevel=error

./mvnw -B verify "$@"
