#!/usr/bin/env bash
# Measures the time from `java -jar` to the first 200 from GET /health, on the embedded defaults and a fresh data
# directory, with the README's run command: the AppCDS archive the build writes beside the jar
# (bootstrap/target/direct-upload.jsa, issue 14) is mapped when present (CDS=0: without it).
# Usage: bench/startup.sh [port]   (build first: ./mvnw -B -ntp -DskipTests package)
# Env: RUNS (1): starts in a row, each on a fresh directory; with more than one, the median is printed too.
# Per run: total ms, Micronaut's own "Startup completed", and where the time went by the log's timestamps
# (JVM + context until the pool starts, pool, until Flyway runs, Flyway, until the server runs, first request).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18080}
runs=${RUNS:-1}
jar=$PWD/bootstrap/target/direct-upload.jar
archive=$PWD/bootstrap/target/direct-upload.jsa
read -r -a opts <<< "${EXTRA_OPTS:-}"  # further JVM options, e.g. EXTRA_OPTS="-XX:TieredStopAtLevel=1"
if [ "${CDS:-1}" != 0 ] && [ -f "$archive" ]; then
  opts+=(-XX:SharedArchiveFile="$archive")
fi
echo "java ${opts[*]} -jar $jar   ($(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg))"
ms() { # HH:MM:SS.mmm -> ms of the day
  awk -F'[:.]' '{print (($1 * 60 + $2) * 60 + $3) * 1000 + $4}' <<<"$1"
}
at() { # first log timestamp of a line matching $1, ms after launch
  local t
  t=$(grep -m1 -E "$1" "$work/out.log" | cut -c1-12) || true
  [ -n "$t" ] && echo $(( $(ms "$t") - launch_ms )) || echo "?"
}
totals=()
for run in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  start=$(date +%s%N)
  launch_ms=$(( ($(date -u +%s%N) / 1000000) % 86400000 ))
  (cd "$work" && exec java "${opts[@]}" -Dmicronaut.server.port="$port" -jar "$jar" >"$work/out.log" 2>&1) &
  pid=$!
  trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
  ok=
  for _ in $(seq 1 1500); do
    if body=$(curl -sf "http://127.0.0.1:$port/health" 2>/dev/null); then
      end=$(date +%s%N)
      ok=1
      break
    fi
    sleep 0.02
  done
  if [ -z "$ok" ]; then
    echo "no healthy answer within 30 s" >&2
    cat "$work/out.log" >&2
    exit 1
  fi
  total=$(( (end - start) / 1000000 ))
  totals+=("$total")
  echo "run $run: GET /health -> $body after $total ms from java -jar;" \
    "$(grep -o 'Startup completed in [0-9]*ms' "$work/out.log" || true);" \
    "pool start $(at 'HikariPool-1 - Starting'), pool ready $(at 'HikariPool-1 - Start completed')," \
    "Flyway $(at 'Running migrations') .. $(at 'Successfully applied|is up to date')," \
    "server running $(at 'Startup completed'), first answer $total (ms after launch)"
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
  trap - EXIT
  rm -rf "$work"
done
if [ "$runs" -gt 1 ]; then
  median=$(printf '%s\n' "${totals[@]}" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
  echo "median of $runs: $median ms (all: ${totals[*]})"
fi
