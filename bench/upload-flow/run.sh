#!/usr/bin/env bash
# Upload-flow benchmarks (issue 6) against the packaged service, on H2 (file DB) and/or PostgreSQL.
#
# Per database: start bootstrap/target/direct-upload.jar in a temporary directory, create a family and an album
# through the API (dev login "bench"), seed STORED verified stored objects and PHOTOS photos of that album with
# SQL, restart, then measure with UploadFlowBench.java:
#   POST /hash/check (1 and 1000 hashes, half stored), POST /uploads (500 new files),
#   GET /albums/{id}/photos?limit=100 (first page, and page 11),
# and, with wrk on 127.0.0.1, GET /families/oss/signature against GET /health in the same run.
#
# Usage: bench/upload-flow/run.sh [h2|postgresql|all]        (default all; build the jar first:
#        ./mvnw -B -ntp -o -DskipTests package)
# Env:   JAR (bootstrap/target/direct-upload.jar), PORT (18680), STORED (1000000), PHOTOS (2000), ROUNDS (3), CALLS (30), WARMUP (20), WRK_SECONDS (15),
#        WRK_CONNECTIONS (16), H2_HEAVY_CALLS (3), H2_HEAVY_WARMUP (1), PGHOST (127.0.0.1), PGPORT (5432),
#        PGUSER (postgres), PGDATABASE (test), BENCHES ("hash prepare list wrk"; also "complete": one new 100 KB
#        file prepared, posted to the local store and completed per call, the last two timed)
#        H2_VARIANTS: compare H2 set-ups on one seeded database, interleaved: whitespace-separated entries
#        "label|jar|jdbc-url", e.g. "before|/tmp/old.jar|jdbc:h2:file:./data/db;DB_CLOSE_ON_EXIT=FALSE
#        after|bootstrap/target/direct-upload.jar|jdbc:h2:file:./data/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
#        the service is restarted for every variant in each of AB_ROUNDS (3) rounds and BENCHES run each time
# The service runs with the rate limits raised (upload.rate-limit.capacity / per-minute, check-*, login-* =
# 100000000, per-minute 60000000: the most a bucket counting whole microseconds tells apart, accepted by
# every commit since the rate limits came in): the defaults (60 signing calls and 600 storage checks a minute per user, 60 logins a minute per
# address) would otherwise cap one benchmark user. Results (no tokens) go to
# bench/upload-flow/results/ (not committed). Everything else lives in a temporary directory or a temporary
# PostgreSQL schema that the exit trap removes; every step is bounded by a timeout.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/bench/upload-flow
JAR=${JAR:-$ROOT/bootstrap/target/direct-upload.jar}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -ntp -o -DskipTests package" >&2; exit 1; }

WHICH=${1:-all}
PORT=${PORT:-18680}
STORED=${STORED:-1000000}
PHOTOS=${PHOTOS:-2000}
ROUNDS=${ROUNDS:-3}
CALLS=${CALLS:-30}
WARMUP=${WARMUP:-20}
WRK_SECONDS=${WRK_SECONDS:-15}
# On H2 the 1000-hash check and the 500-file prepare scan the whole family (see docs/benchmarks.md): a few calls
# only per round, each takes tens of seconds.
H2_HEAVY_CALLS=${H2_HEAVY_CALLS:-3}
H2_HEAVY_WARMUP=${H2_HEAVY_WARMUP:-1}
BENCHES=${BENCHES:-hash prepare list wrk}
H2_VARIANTS=${H2_VARIANTS:-}
AB_ROUNDS=${AB_ROUNDS:-3}
SERVICE_JAR=$JAR
WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
BASE=http://127.0.0.1:$PORT
OUT=$HERE/results
mkdir -p "$OUT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
REPORT=$OUT/run-$STAMP.txt
WORK=$(mktemp -d "${TMPDIR:-/tmp}/upload-flow-bench.XXXXXX")
SERVICE_PID=
PG_SCHEMA=

cleanup() {
  stop_service
  if [ -n "$PG_SCHEMA" ]; then
    psql -q -X -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null 2>&1 || echo "could not drop schema $PG_SCHEMA" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "$*" | tee -a "$REPORT"; }

start_service() { # extra -D options...
  (cd "$WORK/svc" && exec timeout 3600 java -Xms512m -Xmx1g -Dmicronaut.server.port="$PORT" \
      -Dupload.rate-limit.capacity=100000000 -Dupload.rate-limit.per-minute=60000000 \
      -Dupload.rate-limit.check-capacity=100000000 -Dupload.rate-limit.check-per-minute=60000000 \
      -Dupload.rate-limit.login-capacity=100000000 -Dupload.rate-limit.login-per-minute=60000000 \
      -Dupload.quota.family-bytes=1000000000000000 -Dupload.quota.family-files=100000000 \
      -Dupload.max-pending-per-user=100000000 \
      "$@" -jar "$SERVICE_JAR" >>"$WORK/service.log" 2>&1) &
  SERVICE_PID=$!
  for _ in $(seq 1 1200); do
    curl -sf "$BASE/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "service did not become healthy; log:" >&2
  tail -50 "$WORK/service.log" >&2
  exit 1
}

stop_service() {
  if [ -n "$SERVICE_PID" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
  fi
}

bench() { # mode [-D options]
  local mode=$1; shift
  timeout 3600 java -Dstored="$STORED" "$@" "$HERE/UploadFlowBench.java" "$mode" "$BASE" "$WORK/ids.properties" "$ROUNDS" "$CALLS" "$WARMUP" \
    | sed "s/^/${LABEL:+[$LABEL] }/" | tee -a "$REPORT"
}

throughput() { # label
  command -v wrk >/dev/null || { log "wrk not installed: skipping throughput"; return 0; }
  local family album token sig
  family=$(prop family_id); album=$(prop album_id); token=$(prop token)
  sig="$BASE/families/oss/signature?family_id=$family&file_path=$album"
  curl -sf -H "Authorization: Bearer $token" "$sig" | jq -e '.signature and .policy' >/dev/null \
    || { echo "signature endpoint does not answer 200 with a signature" >&2; exit 1; }
  # Warm-up of both endpoints, not reported.
  timeout 60 wrk -t2 -c"$WRK_CONNECTIONS" -d5s -H "Authorization: Bearer $token" "$sig" >/dev/null
  timeout 60 wrk -t2 -c"$WRK_CONNECTIONS" -d5s "$BASE/health" >/dev/null
  for round in 1 2; do
    # no-token: the signature URL without a token, answered 401 by the security filter (framework floor, context only)
    for what in health signature no-token; do
      local url=$BASE/health hdr=()
      [ "$what" = signature ] && { url=$sig; hdr=(-H "Authorization: Bearer $token"); }
      [ "$what" = no-token ] && url=$sig
      local res
      res=$(timeout $((WRK_SECONDS + 30)) wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "${hdr[@]}" "$url")
      local rps non2xx p50 p99
      rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$res")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$res"); non2xx=${non2xx:-0}
      p50=$(awk '$1 == "50%" {print $2}' <<<"$res"); p99=$(awk '$1 == "99%" {print $2}' <<<"$res")
      log "$(printf 'wrk %-10s %-10s round %d  %10s req/s  p50=%-8s p99=%-8s non-2xx=%s' "$1" "$what" "$round" "$rps" "$p50" "$p99" "$non2xx")"
    done
  done
}

want() { [[ " $BENCHES " == *" $1 "* ]]; }

# Since V3__family_stored_usage (issue 14) a family row counts its verified stored objects: SQL that seeds
# stored_objects must set the counters too. Empty for a jar without that migration (the before builds).
usage_counters_sql() { # family id
  unzip -l "$SERVICE_JAR" 2>/dev/null | grep -q 'V3__family_stored_usage.sql' || return 0
  echo "UPDATE families SET stored_bytes = (SELECT COALESCE(SUM(size_bytes), 0) FROM stored_objects o
    WHERE o.family_id = families.id AND o.status = 'VERIFIED'), stored_files = (SELECT COUNT(*) FROM stored_objects o
    WHERE o.family_id = families.id AND o.status = 'VERIFIED') WHERE id = '$1';"
}

prop() { sed -n "s/^$1=//p" "$WORK/ids.properties"; }

machine() {
  log "date: $(date -u +%FT%TZ)   commit: $(git -C "$ROOT" rev-parse --short HEAD)"
  log "cpu: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)   mem: $(free -m | awk '/Mem:/ {print $2}') MiB"
  log "java: $(java -version 2>&1 | head -1)   service: -Xms512m -Xmx1g"
  log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  log "stored objects: $STORED   photos in album: $PHOTOS   rounds x calls: $ROUNDS x $CALLS (+$WARMUP warm-up each)"
}

run_h2() {
  log "=== H2 (file database, default URL) ==="
  rm -rf "$WORK/svc" && mkdir -p "$WORK/svc"
  start_service
  java "$HERE/UploadFlowBench.java" setup "$BASE" "$WORK/ids.properties" >/dev/null
  stop_service
  local script=$WORK/seed-h2.sql from=1 to
  : >"$script"
  while [ "$from" -le "$STORED" ]; do
    to=$((from + 99999)); [ "$to" -gt "$STORED" ] && to=$STORED
    sed -e "s/@FROM@/$from/; s/@TO@/$to/" "$HERE/seed-h2-chunk.sql" >>"$script"
    from=$((to + 1))
  done
  cat "$HERE/seed-h2.sql" >>"$script"
  usage_counters_sql "$(prop family_id)" >>"$script"
  sed -i -e "s/@FAMILY@/$(prop family_id)/g; s/@ALBUM@/$(prop album_id)/g; s/@USER@/$(prop user_id)/g" \
    -e "s/@STORED@/$STORED/g; s/@PHOTOS@/$PHOTOS/g" "$script"
  local t0=$SECONDS
  timeout 1800 java -Xmx2g -cp "$JAR" org.h2.tools.RunScript -url "jdbc:h2:file:$WORK/svc/data/db" -user sa \
    -script "$script" -showResults | grep -A1 -E '^SELECT COUNT' | grep -- '-->' | tee -a "$REPORT"
  log "seeded H2 in $((SECONDS - t0)) s; database file: $(du -sh "$WORK/svc/data/db.mv.db" | cut -f1)"
  if [ -n "$H2_VARIANTS" ]; then
    compare_h2
    return
  fi
  start_service
  h2_benches
  stop_service
}

h2_benches() {
  want hash && bench hash -Dheavy.calls="$H2_HEAVY_CALLS" -Dheavy.warmup="$H2_HEAVY_WARMUP"
  want prepare && bench prepare -Dheavy.calls="$H2_HEAVY_CALLS" -Dheavy.warmup="$H2_HEAVY_WARMUP"
  want list && bench list
  want complete && bench complete
  want wrk && throughput h2
  return 0
}

# H2_VARIANTS: the same seeded database under each variant's jar and URL, variants interleaved in every round.
compare_h2() {
  local round entry label jar url
  for round in $(seq 1 "$AB_ROUNDS"); do
    for entry in $H2_VARIANTS; do
      IFS='|' read -r label jar url <<<"$entry"
      SERVICE_JAR=$(cd "$ROOT" && realpath "$jar")
      log "--- round $round, variant $label: $(basename "$SERVICE_JAR") $(sha256sum "$SERVICE_JAR" | cut -c1-12), $url, load $(cut -d' ' -f1 /proc/loadavg)"
      start_service -Ddatasources.default.url="$url"
      LABEL=$label h2_benches
      stop_service
    done
  done
  SERVICE_JAR=$JAR
}

run_postgresql() {
  PG_SCHEMA=bench_upload_$$
  log "=== PostgreSQL ($(psql -X -Atc 'SHOW server_version'), $PGHOST:$PGPORT/$PGDATABASE, schema $PG_SCHEMA) ==="
  psql -q -X -c "CREATE SCHEMA $PG_SCHEMA"
  rm -rf "$WORK/svc" && mkdir -p "$WORK/svc"
  local pg=(-Ddatasources.default.url="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$PG_SCHEMA"
    -Ddatasources.default.username="$PGUSER" -Ddatasources.default.password=)
  start_service "${pg[@]}"
  java "$HERE/UploadFlowBench.java" setup "$BASE" "$WORK/ids.properties" >/dev/null
  stop_service
  local t0=$SECONDS
  PGOPTIONS="-c search_path=$PG_SCHEMA" timeout 1800 psql -q -X -v ON_ERROR_STOP=1 -v family="$(prop family_id)" \
    -v album="$(prop album_id)" -v user_id="$(prop user_id)" -v stored="$STORED" -v photos="$PHOTOS" \
    -f "$HERE/seed-postgresql.sql" -At | tee -a "$REPORT"
  local counters
  counters=$(usage_counters_sql "$(prop family_id)")
  [ -z "$counters" ] || PGOPTIONS="-c search_path=$PG_SCHEMA" psql -q -X -v ON_ERROR_STOP=1 -c "$counters"
  log "seeded PostgreSQL in $((SECONDS - t0)) s; stored_objects: $(psql -X -Atc "SELECT pg_size_pretty(pg_total_relation_size('$PG_SCHEMA.stored_objects'))")"
  start_service "${pg[@]}"
  want hash && bench hash
  want prepare && bench prepare
  want list && bench list
  want complete && bench complete
  want wrk && throughput postgresql
  stop_service
  psql -q -X -c "SET client_min_messages = warning" -c "DROP SCHEMA $PG_SCHEMA CASCADE"
  PG_SCHEMA=
}

machine
case "$WHICH" in
  h2) run_h2 ;;
  postgresql) run_postgresql ;;
  all) run_h2; run_postgresql ;;
  *) echo "usage: $0 [h2|postgresql|all]" >&2; exit 2 ;;
esac
log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "report: $REPORT"
