#!/usr/bin/env bash
# The example front end's figures: the story page's server render under load (autocannon) and Lighthouse's mobile
# scores. Starts the API (Release, Production, output cache on, the demo newsroom in a throwaway SQLite file) and
# the site's production build on free ports, measures, and stops both. Run from anywhere; needs the .NET SDK,
# Node.js 20 and Debian's chromium (installed when missing).
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
ROOT=$(cd ../.. && pwd)
TMP=$(mktemp -d /tmp/newsapi-bench-web.XXXXXX)
API_PID="" WEB_PID=""
cleanup() {
  [[ -n "$WEB_PID" ]] && kill "$WEB_PID" 2>/dev/null || true
  [[ -n "$API_PID" ]] && kill "$API_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

echo "bench/web: building the API (Release) and the site"
API_DIR=${API_DIR:-}   # an API already published in Release, to skip publishing it again
if [[ -z "$API_DIR" ]]; then
  API_DIR="$TMP/api"
  dotnet publish "$ROOT/src/NewsApi" -c Release -o "$API_DIR" --nologo -v quiet >"$TMP/publish.log" || { cat "$TMP/publish.log"; exit 1; }
fi
(cd "$ROOT/examples/web" && npm ci --no-audit --no-fund >/dev/null && npm run build --silent >/dev/null)
npm ci --no-audit --no-fund >/dev/null

API_PORT=$(free_port)
WEB_PORT=$(free_port)
# The demo newsroom is seeded in Development only; everything that differs from Production there is set back here.
# The site is one client of the API from one address: its read budget is raised, as a deployment would.
(cd "$API_DIR" && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" \
  ConnectionStrings__News="Data Source=$TMP/news.db" Logging__LogLevel__Default=Warning \
  RateLimits__ReadsPerMinute=10000000 OutputCache__Enabled=true exec dotnet NewsApi.dll) >"$TMP/api.log" 2>&1 &
API_PID=$!
timeout 90 bash -c "until curl -sf http://127.0.0.1:$API_PORT/health/ready >/dev/null; do sleep 0.5; done"
(cd "$ROOT/examples/web" && HOST=127.0.0.1 PORT=$WEB_PORT NEWSAPI_URL="http://127.0.0.1:$API_PORT" \
  exec node dist/server/entry.mjs) >"$TMP/web.log" 2>&1 &
WEB_PID=$!
timeout 30 bash -c "until curl -sf http://127.0.0.1:$WEB_PORT/robots.txt >/dev/null; do sleep 0.3; done"

export WEB_URL="http://127.0.0.1:$WEB_PORT" CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
echo "bench/web: load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
node "$HERE/render.mjs"
echo
node "$HERE/lighthouse.mjs"
