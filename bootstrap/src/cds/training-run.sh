#!/usr/bin/env bash
# Class-data sharing for a faster start (issue 14): starts the packaged jar once on fresh embedded defaults (in a
# temporary directory, 127.0.0.1 only), asks GET /health, stops it, and has the JVM write the classes it loaded to
# an AppCDS archive beside the jar (-XX:ArchiveClassesAtExit, JDK 17). Run by the package phase
# (-Dcds.skip=true skips it); the README's run command then maps the archive with -XX:SharedArchiveFile. Without
# an archive, or with one from another JDK, the JVM starts as usual (CDS off, one warning line).
#
#   training-run.sh JAR ARCHIVE
set -uo pipefail
jar=$(realpath "$1")
archive=$(realpath -m "$2")
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
rm -f "$archive"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))
(cd "$work" && exec java -XX:ArchiveClassesAtExit="$archive" -Dmicronaut.server.host=127.0.0.1 \
  -Dmicronaut.server.port="$port" -jar "$jar" >"$work/out.log" 2>&1) &
pid=$!
for _ in $(seq 1 1200); do
  if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    kill -TERM "$pid"
    wait "$pid"
    pid=
    if [ -s "$archive" ]; then
      echo "CDS archive: $archive ($(du -h "$archive" | cut -f1))"
      exit 0
    fi
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
echo "WARNING: no CDS archive written (the service still runs without it); training log:" >&2
tail -20 "$work/out.log" >&2
exit 0
