# Sourced by the Maven scripts: sets NODE_OK=1 when node >= 20 and npm are on the PATH, else NODE_WHY.
NODE_OK=0
NODE_WHY=
if ! command -v node >/dev/null 2>&1; then
  NODE_WHY="node is not on the PATH"
elif ! command -v npm >/dev/null 2>&1; then
  NODE_WHY="npm is not on the PATH"
else
  NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "${NODE_MAJOR:-0}" -ge 20 ] 2>/dev/null; then
    NODE_OK=1
  else
    NODE_WHY="node $(node --version 2>/dev/null) is older than 20"
  fi
fi

# npm ci, unless node_modules already matches package-lock.json (saves the registry round trip on rebuilds).
npm_ci_if_needed() {
  local stamp=node_modules/.package-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  npm ci --no-audit --no-fund --loglevel=error && echo "$want" >"$stamp"
}
