#!/usr/bin/env bash
# Measures the time from `java -jar` to the first 200 from GET /health, on the embedded defaults.
# Usage: bench/startup.sh [port]   (build first: ./mvnw -B -ntp -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18080}
work=$(mktemp -d)
jar=$PWD/bootstrap/target/direct-upload.jar
start=$(date +%s%N)
(cd "$work" && exec java -Dmicronaut.server.port="$port" -jar "$jar" >"$work/out.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  if body=$(curl -sf "http://127.0.0.1:$port/health" 2>/dev/null); then
    end=$(date +%s%N)
    echo "GET /health -> $body after $(( (end - start) / 1000000 )) ms from java -jar"
    grep -o 'Startup completed in [0-9]*ms' "$work/out.log" || true
    exit 0
  fi
  sleep 0.05
done
echo "no healthy answer within 30 s" >&2
cat "$work/out.log" >&2
exit 1
