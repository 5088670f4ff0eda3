#!/usr/bin/env bash
# Client benchmark (issue 12). Figures and how they were taken: docs/benchmarks.md, "Clients: SDK vs article loop".
#
# Usage: bench/clients/run.sh [upload|md5|all]      (default all; build the jar first:
#        ./mvnw -B -ntp -DskipTests package)
# Env:   PHOTOS (100), ROUNDS (2), MD5_MB (500)
# Needs Node.js 20+ (npm ci from the registry on first use). The 500 MB file for the MD5 part is written to a
# temporary directory and removed at the end; reports go to bench/clients/results/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAR=$ROOT/bootstrap/target/direct-upload.jar
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -ntp -DskipTests package" >&2; exit 1; }
WHICH=${1:-all}
PHOTOS=${PHOTOS:-100}
ROUNDS=${ROUNDS:-2}
MD5_MB=${MD5_MB:-500}
OUT=$ROOT/bench/clients/results
mkdir -p "$OUT"
REPORT=$OUT/run-$(date -u +%Y%m%dT%H%M%SZ).txt
TMP=$(mktemp -d "${TMPDIR:-/tmp}/client-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

(cd clients/miniprogram && . scripts/node-check.sh && [ "$NODE_OK" = 1 ] || { echo "needs Node.js 20+: $NODE_WHY" >&2; exit 1; }
 npm_ci_if_needed && npx tsc -p tsconfig.test.json)
export DIRECT_UPLOAD_JAR=$JAR

echo "commit: $(git rev-parse --short HEAD)" | tee -a "$REPORT"
if [ "$WHICH" = upload ] || [ "$WHICH" = all ]; then
  timeout 1800 node bench/clients/bench.mjs upload "$PHOTOS" "$ROUNDS" | tee -a "$REPORT"
fi
if [ "$WHICH" = md5 ] || [ "$WHICH" = all ]; then
  BIG=$TMP/big.bin
  head -c $((MD5_MB * 1024 * 1024)) /dev/urandom >"$BIG"
  echo "MD5 of a ${MD5_MB} MiB file, each in a fresh node process (maxRSS = the process's peak resident memory):" | tee -a "$REPORT"
  cat "$BIG" >/dev/null # page cache warm for every variant alike
  for kind in none node-crypto wx browser wx browser; do
    timeout 600 node bench/clients/bench.mjs md5 "$BIG" "$kind" | tee -a "$REPORT"
  done
fi
echo "report: $REPORT"
