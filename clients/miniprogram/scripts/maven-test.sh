#!/usr/bin/env bash
# Maven (bootstrap's integration-test phase): the SDK and browser tests against the packaged jar ($1).
# Skipped, with a SKIPPED line, when Node.js >= 20 is missing; the browser test alone skips without Chromium.
# Any test failure fails the build.
set -euo pipefail
JAR=$(realpath "$1")
cd "$(dirname "$0")/.."
. scripts/node-check.sh
if [ "$NODE_OK" != 1 ]; then
  echo "SKIPPED: SDK and browser tests ($NODE_WHY)"
  exit 0
fi
npm_ci_if_needed
DIRECT_UPLOAD_JAR="$JAR" npm test
