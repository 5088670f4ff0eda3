#!/usr/bin/env bash
# Where the CPU of GET /families/oss/signature goes (issue 14): the packaged service with storage.provider=oss, STS
# and WeChat login answered by fakes.py on 127.0.0.1, wrk -t2 at CONNS connections, profiled with JDK Flight
# Recorder (settings=profile, execution samples every 10 ms, allocation samples).
#
#   bench/signature/profile.sh [h2|postgresql]        (default h2; build the jar first)
#
# Env: JAR (bootstrap/target/direct-upload.jar), PORT (18690), FAKES_PORT (18691), CONNS (64), DURATION (30 s),
#      WARMUP (20 s of wrk, then 10 s idle for the JIT), JAVA_OPTS (-Xms512m -Xmx512m), LABEL (the jar's name),
#      PGHOST/PGPORT/PGUSER/PGDATABASE (127.0.0.1/5432/postgres/test: a temporary schema, dropped at the end).
# Steps: one unprofiled wrk run (req/s and the process's CPU per request from /proc), then the same load again
# under JFR; jfr_breakdown.py sorts every execution sample of the request threads into one category by the frames
# on its stack and charges each category its share of the request threads' CPU; GC and JIT threads are measured
# apart from /proc. Reports go to bench/signature/results/ (not committed).
# PROFILER=async: async-profiler instead of JFR (every thread, Java, native and kernel frames, 1 ms CPU samples),
# reported by collapsed_breakdown.py as the share of all samples whose stack passes through each part of the path.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/bench/signature
DB=${1:-h2}
JAR=$(realpath "${JAR:-$ROOT/bootstrap/target/direct-upload.jar}")
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -ntp -o -DskipTests package" >&2; exit 1; }
PORT=${PORT:-18690}
FAKES_PORT=${FAKES_PORT:-18691}
CONNS=${CONNS:-64}
SECONDS_MEASURED=${DURATION:-30}
WARMUP=${WARMUP:-20}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
LABEL=${LABEL:-$(basename "$JAR" .jar)}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
BASE=http://127.0.0.1:$PORT
OUT=$HERE/results
mkdir -p "$OUT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
REPORT=$OUT/profile-$LABEL-$DB-$STAMP.txt
WORK=$(mktemp -d "${TMPDIR:-/tmp}/signature-profile.XXXXXX")
FAKES_PID= SERVICE_PID= PG_SCHEMA=

cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  [ -n "$FAKES_PID" ] && kill "$FAKES_PID" 2>/dev/null || true
  if [ -n "$PG_SCHEMA" ]; then
    psql -q -X -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null 2>&1 || echo "could not drop $PG_SCHEMA" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "profile.sh: failed at line $LINENO" >&2' ERR
log() { echo "$*" | tee -a "$REPORT"; }

python3 "$HERE/fakes.py" --port "$FAKES_PORT" >"$WORK/fakes.log" 2>&1 &
FAKES_PID=$!

db=()
if [ "$DB" = postgresql ]; then
  PG_SCHEMA=bench_signature_$$
  psql -q -X -c "CREATE SCHEMA $PG_SCHEMA" >/dev/null
  db=(-Ddatasources.default.url="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$PG_SCHEMA"
      -Ddatasources.default.username="$PGUSER" -Ddatasources.default.password=)
fi
mkdir -p "$WORK/svc"
# shellcheck disable=SC2086
(cd "$WORK/svc" && STORAGE_PROVIDER=oss OSS_REGION=cn-hangzhou OSS_BUCKET=examplebucket \
  OSS_STS_ENDPOINT=http://127.0.0.1:$FAKES_PORT OSS_STS_ROLE_ARN=acs:ram::1234567890123456:role/oss-upload \
  OSS_ACCESS_KEY_ID=LTAI-bench OSS_ACCESS_KEY_SECRET=bench-secret \
  WECHAT_API_BASE_URL=http://127.0.0.1:$FAKES_PORT WECHAT_APP_ID=wx-bench WECHAT_APP_SECRET=bench \
  AUTH_JWT_SECRET=bench-secret-bench-secret-bench-secret-0001 \
  UPLOAD_RATE_LIMIT_CAPACITY=100000000 UPLOAD_RATE_LIMIT_PER_MINUTE=60000000 \
  exec timeout 3600 java $JAVA_OPTS -XX:FlightRecorderOptions:stackdepth=256 -Dmicronaut.server.host=127.0.0.1 \
    -Dmicronaut.server.port="$PORT" "${db[@]}" -jar "$JAR" >"$WORK/service.log" 2>&1) &
SERVICE_PID=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$BASE/health" && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.1
done
JAVA_PID=$(pgrep -P "$SERVICE_PID" java || echo "$SERVICE_PID")

json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
token=$(curl -sf -X POST "$BASE/auth/wechat/login" -H 'Content-Type: application/json' -d '{"code":"bench-user-1"}' \
  | json "['token']")
family=$(curl -sf -X POST "$BASE/families" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"bench family"}' | json "['id']")
album=$(curl -sf -X POST "$BASE/families/$family/albums" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"name":"bench album"}' | json "['id']")
URL="$BASE/families/oss/signature?family_id=$family&file_path=$album"
AUTH="Authorization: Bearer $token"
curl -sf -H "$AUTH" "$URL" | jq -e '.signature and .security_token' >/dev/null \
  || { echo "the signature endpoint does not answer 200 with STS fields" >&2; exit 1; }

log "# signature endpoint profile: $LABEL on $DB, $(date -u +%FT%TZ)"
log "jar $JAR; $(java -version 2>&1 | head -1); $(nproc) cores; wrk -t2 -c$CONNS, ${SECONDS_MEASURED}s runs"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout $((WARMUP + 30)) wrk -t2 -c"$CONNS" -d"${WARMUP}s" -H "$AUTH" "$URL" >/dev/null
sleep 10

threads_cpu() { # one line per thread: name<TAB>ticks
  for f in /proc/"$JAVA_PID"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Za-z] (.*)$/\1\t\2/' "$f" 2>/dev/null | awk -F'\t' '{split($2, a, " "); print $1 "\t" a[11] + a[12]}'
  done
}
measure() { # name: wrk output in $WORK/name.wrk, thread CPU before/after in $WORK/name.cpu0/1
  threads_cpu >"$WORK/$1.cpu0"
  timeout $((SECONDS_MEASURED + 30)) wrk -t2 -c"$CONNS" -d"${SECONDS_MEASURED}s" --latency -H "$AUTH" "$URL" >"$WORK/$1.wrk"
  threads_cpu >"$WORK/$1.cpu1"
}

measure plain
if [ "${PROFILER:-jfr}" = async ]; then
  # async-profiler (CPU samples every ms, Java, native and kernel frames), attached through jcmd; its Linux x64
  # build comes from Maven Central into bench/signature/target/ (never committed).
  AP_VERSION=4.0
  AP_DIR=$HERE/target/async-profiler-$AP_VERSION
  AP_LIB=$AP_DIR/linux-x64/libasyncProfiler.so
  if [ ! -f "$AP_LIB" ]; then
    mkdir -p "$AP_DIR"
    curl -sfL -o "$AP_DIR/ap.jar" \
      "https://repo.maven.apache.org/maven2/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar"
    (cd "$AP_DIR" && unzip -q -o ap.jar 'linux-x64/*')
  fi
  jcmd "$JAVA_PID" JVMTI.agent_load "$AP_LIB" "\"start,event=${AP_EVENT:-cpu},interval=1ms\"" >/dev/null
  measure profiled
  jcmd "$JAVA_PID" JVMTI.agent_load "$AP_LIB" "\"stop,file=$OUT/profile-$LABEL-$DB-$STAMP.collapsed,collapsed\"" >/dev/null
  log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 "$HERE/jfr_breakdown.py" cpu --ticks "$(getconf CLK_TCK)" "$WORK/plain.wrk" "$WORK/plain.cpu0" \
    "$WORK/plain.cpu1" --label plain | tee -a "$REPORT"
  python3 "$HERE/collapsed_breakdown.py" "$OUT/profile-$LABEL-$DB-$STAMP.collapsed" | tee -a "$REPORT"
  log "report: $REPORT (collapsed stacks beside it)"
  exit 0
fi
jcmd "$JAVA_PID" JFR.start name=signature settings=profile filename="$WORK/signature.jfr" >/dev/null
measure profiled
jcmd "$JAVA_PID" JFR.stop name=signature >/dev/null
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cp "$WORK/signature.jfr" "$OUT/profile-$LABEL-$DB-$STAMP.jfr"

for run in plain profiled; do
  python3 "$HERE/jfr_breakdown.py" cpu --ticks "$(getconf CLK_TCK)" "$WORK/$run.wrk" "$WORK/$run.cpu0" "$WORK/$run.cpu1" \
    --label "$run" | tee -a "$REPORT"
done
jfr print --stack-depth 256 --events jdk.ExecutionSample "$WORK/signature.jfr" >"$WORK/samples.txt"
jfr print --stack-depth 256 --events jdk.ObjectAllocationSample "$WORK/signature.jfr" >"$WORK/allocations.txt"
python3 "$HERE/jfr_breakdown.py" samples "$WORK/samples.txt" "$WORK/allocations.txt" \
  --wrk "$WORK/profiled.wrk" --cpu "$WORK/profiled.cpu0" "$WORK/profiled.cpu1" --ticks "$(getconf CLK_TCK)" \
  | tee -a "$REPORT"
log "report: $REPORT (recording beside it)"
