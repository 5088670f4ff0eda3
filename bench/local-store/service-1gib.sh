#!/usr/bin/env bash
# 1 GiB through the whole service (issue 4 / 6): the real fat jar at -Xmx128m on the embedded defaults,
# dev login, a family and an album, POST /uploads for a 1 GiB video, curl posting the returned form
# (streamed from disk), POST /uploads/{id}/complete (HEAD + MD5 check), then a presigned GET compared by MD5.
# Reports the upload time and the server's peak RSS (VmHWM). Needs curl, md5sum, python3.
# Usage: bench/local-store/service-1gib.sh [BYTES]   (build first: ./mvnw -B -ntp -DskipTests package)
# Env:   JAR (bootstrap/target/direct-upload.jar) to measure another build, PORT (18481)
set -euo pipefail
cd "$(dirname "$0")/../.."
BYTES=${1:-1073741824}
PORT=${PORT:-18481}
JAR=$(realpath "${JAR:-bootstrap/target/direct-upload.jar}")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/service-1gib.XXXXXX")
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

echo "generating $BYTES random bytes..."
head -c "$BYTES" /dev/urandom > "$WORK/video.mp4"
MD5=$(md5sum "$WORK/video.mp4" | cut -d' ' -f1)

(cd "$WORK" && exec java -Xmx128m -Dmicronaut.server.port="$PORT" -Dupload.max-video-bytes="$BYTES" \
  -jar "$JAR" > "$WORK/server.log" 2>&1) &
SERVER_PID=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 300); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.1; done
JPID=$(pgrep -f -- "-Dmicronaut.server.port=$PORT" | head -n1)

TOKEN=$(curl -sf -XPOST "$BASE/auth/dev/login" -H 'content-type: application/json' -d '{"user":"bench"}' | json "['token']")
AUTH="authorization: Bearer $TOKEN"
FAMILY=$(curl -sf -XPOST "$BASE/families" -H "$AUTH" -H 'content-type: application/json' -d '{"name":"Bench"}' | json "['id']")
ALBUM=$(curl -sf -XPOST "$BASE/families/$FAMILY/albums" -H "$AUTH" -H 'content-type: application/json' -d '{"name":"Big"}' | json "['id']")
curl -sf -XPOST "$BASE/uploads" -H "$AUTH" -H 'content-type: application/json' \
  -d "{\"family_id\":\"$FAMILY\",\"album_id\":\"$ALBUM\",\"files\":[{\"client_ref\":\"0\",\"name\":\"big.mp4\",\"size\":$BYTES,\"type\":\"video/mp4\",\"md5\":\"$MD5\"}]}" \
  > "$WORK/prepared.json"
URL=$(json "['items'][0]['url']" < "$WORK/prepared.json")
UPLOAD_ID=$(json "['items'][0]['upload_id']" < "$WORK/prepared.json")
FORM=$(python3 -c "import sys,json; f=json.load(open(sys.argv[1]))['items'][0]['fields']; print('\n'.join('-F\n%s=%s' % kv for kv in f.items()))" "$WORK/prepared.json")
mapfile -t FORM_ARGS <<< "$FORM"

START=$(date +%s%N)
STATUS=$(curl -s -o "$WORK/post.out" -w '%{http_code}' "${FORM_ARGS[@]}" -F "file=@$WORK/video.mp4;type=video/mp4" "$URL")
END=$(date +%s%N)
HWM_AFTER_UPLOAD=$(grep VmHWM "/proc/$JPID/status" | awk '{print $2}')
[ "$STATUS" = 200 ] || { echo "upload answered $STATUS: $(cat "$WORK/post.out")"; exit 1; }

COMPLETE=$(curl -s -XPOST "$BASE/uploads/$UPLOAD_ID/complete" -H "$AUTH")
PHOTO_URL=$(echo "$COMPLETE" | json "['url']")
GOT_MD5=$(curl -sf "$PHOTO_URL" | md5sum | cut -d' ' -f1)
HWM=$(grep VmHWM "/proc/$JPID/status" | awk '{print $2}')
MS=$(( (END - START) / 1000000 ))
echo "upload: $BYTES bytes in $MS ms ($(( BYTES / 1048576 * 1000 / (MS + 1) )) MiB/s), status $STATUS"
echo "complete: $(echo "$COMPLETE" | json "['size']") bytes, md5 $(echo "$COMPLETE" | json "['md5']") (sent $MD5)"
echo "presigned GET md5: $GOT_MD5 $( [ "$GOT_MD5" = "$MD5" ] && echo equal || echo DIFFERENT)"
echo "server peak RSS (VmHWM): ${HWM_AFTER_UPLOAD} kB after the upload, ${HWM} kB after the download; heap -Xmx128m"
