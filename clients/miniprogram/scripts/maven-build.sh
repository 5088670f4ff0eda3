#!/usr/bin/env bash
# Maven (generate-resources of clients/miniprogram): build the demo page into dist/web when Node.js >= 20 is
# here; otherwise say so and let the jar carry the placeholder page only.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-check.sh
if [ "$NODE_OK" != 1 ]; then
  echo "SKIPPED: demo page not built ($NODE_WHY); / will answer the placeholder page. Install Node.js 20+ and rebuild."
  exit 0
fi
if ! npm_ci_if_needed; then
  if [ -f dist/web/index.html ]; then
    echo "WARNING: npm ci failed; packing the page built earlier in dist/web"
    exit 0
  fi
  echo "SKIPPED: demo page not built (npm ci failed); / will answer the placeholder page."
  exit 0
fi
npm run --silent build:web
