#!/usr/bin/env bash
# 1 GiB upload to the local OSS-compatible store (issue 4).
# Starts the store alone in a Micronaut server at -Xmx128m under /usr/bin/time -v, uploads BYTES
# (default 1 GiB) of streamed pseudo-random bytes as a signed PostObject form from a second JVM,
# downloads the object through a presigned GET, checks both MD5s, and reports the upload time and
# the server's peak RSS (VmHWM while running, and /usr/bin/time's maximum resident set size).
#
# Usage: bench/local-store/run.sh [BYTES]     (from anywhere; needs Java 17 and /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/../.."
BYTES=${1:-1073741824}
PORT=${PORT:-18480}
OUT=bench/local-store/results
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/local-store-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Compile main and test classes and write the test classpath (no install, offline when possible).
./mvnw -B -ntp -q -o -pl adapters-local-storage -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="adapters-local-storage/target/test-classes:adapters-local-storage/target/classes:$(cat adapters-local-storage/target/bench.classpath)"
MAIN=dev.directupload.adapter.localstorage.LocalStoreBench

/usr/bin/time -v -o "$OUT/server-time.txt" \
  java -Xmx128m -cp "$CP" "$MAIN" server "$WORK/objects" "$PORT" "$WORK/form.properties" \
  > "$OUT/server.log" 2>&1 &
TIME_PID=$!
for _ in $(seq 1 120); do [ -f "$WORK/form.properties" ] && break; sleep 0.5; done
[ -f "$WORK/form.properties" ] || { echo "server did not start"; cat "$OUT/server.log"; exit 1; }
SERVER_PID=$(pgrep -P "$TIME_PID" java)

java -Xmx256m -cp "$CP" "$MAIN" client "$WORK/form.properties" "$BYTES" | tee "$OUT/client.log"
HWM=$(awk '/VmHWM/ {print $2, $3}' "/proc/$SERVER_PID/status")
STORED=$(find "$WORK/objects/album-local" -name '*.data' -printf '%s\n')
kill "$SERVER_PID"
wait "$TIME_PID" || true

{
  echo "bytes: $BYTES"
  echo "server heap: -Xmx128m"
  echo "server peak RSS (VmHWM): $HWM"
  grep -E 'Maximum resident set size|Elapsed \(wall clock\)' "$OUT/server-time.txt"
  echo "stored object size: $STORED"
  grep -E '^(upload|download):' "$OUT/client.log"
} | tee "$OUT/summary.txt"
