#!/usr/bin/env bash
# The change feed's benchmark: the API in Release on a seeded SQLite file (bench/NewsApi.Bench seed) with one change
# row per article in the outbox. Measures the latency of pages of 1,000 changes (the log, full and summary shapes,
# and the snapshot a consumer starting from nothing reads), and the memory of idle Server-Sent Events streams held
# by the one instance. Prints a table for bench/RESULTS.md and writes it to bench/out/changes/changes.md.
#   bench/changes.sh [articles=100000] [streams=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-100000}
STREAMS=${2:-1000}
OUT=bench/out/changes
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/NewsApi -c Release -o "$OUT/NewsApi" --nologo -v quiet >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log" >&2; exit 1; }

DB="$OUT/changes-$ARTICLES.db"
if [[ ! -f "$DB" ]]; then
  dotnet run -c Release --project bench/NewsApi.Bench -- seed --articles "$ARTICLES" --provider Sqlite --connection "Data Source=$DB" >&2
  # The seeder writes rows directly, past the outbox: give every article one change, as an edit of each would.
  sqlite3 "$DB" "INSERT INTO Changes (EventId, Type, ResourceType, ResourceId, OccurredAt, Payload, \"Transaction\")
    SELECT 'msg_' || lower(hex(randomblob(16))), 'article.updated', 'article', Id, strftime('%Y-%m-%d %H:%M:%f', 'now'),
           '{\"type\":\"article.updated\",\"data\":{}}', 0 FROM Articles ORDER BY Id;"
fi

PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
KEY="nk_$(head -c 32 /dev/urandom | base64 | tr "+/" "-_" | tr -d "=\n")"
(cd "$OUT/NewsApi" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
    Database__Provider=Sqlite ConnectionStrings__News="Data Source=$PWD/../changes-$ARTICLES.db" Database__MigrateOnStartup=false \
    Auth__BootstrapAdminKey="$KEY" RateLimits__ReadsPerMinute=100000000 RateLimits__WritesPerMinute=100000000 \
    Changes__MaxStreams=$((STREAMS + 10)) Logging__LogLevel__Default=Warning dotnet NewsApi.dll >"../api.log" 2>&1) &
API=$!
trap 'kill $API 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
PID=$(pgrep -P "$API" -f NewsApi.dll || echo "$API")

# The log from its first change: a cursor is base64url JSON, and this one stands before every change.
START=$(node -e 'process.stdout.write(Buffer.from(JSON.stringify({p:"l",x:0,n:0,a:Number(BigInt(Date.now())*10000n+621355968000000000n)})).toString("base64url"))')

# Pages of 1,000 from START to the end of the log; prints one time (ms) per page.
pages() {
  local cursor=$1 query=$2 key=${3:-}
  while :; do
    local out
    out=$(curl -sS -o "$OUT/page.json" -w '%{time_total}' ${key:+-H "X-Api-Key: $key"} "$BASE/api/v1/changes?limit=1000$query${cursor:+&since=$cursor}")
    awk -v t="$out" 'BEGIN { printf "%.2f\n", t * 1000 }'
    [[ $(node -e 'const p=require(process.argv[1]);process.stdout.write(String(p.hasMore && p.items.length>0))' "$PWD/$OUT/page.json") == true ]] || break
    cursor=$(node -e 'process.stdout.write(require(process.argv[1]).nextCursor)' "$PWD/$OUT/page.json")
  done
}
stats() { sort -n | awk '{ a[NR] = $1 } END { p = int(NR * 0.99 + 0.999); if (p < 1) p = 1; printf "%d | %.1f | %.1f | %.1f", NR, a[int((NR + 1) / 2)], a[p], a[NR] }'; }

pages "$START" "" "$KEY" >/dev/null            # warm-up
LOAD=$(cut -d' ' -f1 /proc/loadavg)
FULL=$(pages "$START" "" "$KEY" | stats)
SUMMARY=$(pages "$START" "&shape=summary" "$KEY" | stats)
PUBLIC=$(pages "$START" "&shape=summary" | stats)
SNAPSHOT=$(pages "" "&types=articles&shape=summary" "$KEY" | head -n 100 | stats)

# Idle streams: each starts at the head of the log, so it only waits (heartbeats aside).
HEAD=$(curl -fsS -H "X-Api-Key: $KEY" "$BASE/api/v1/changes?limit=1&types=tags&since=$START" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let c=JSON.parse(s).nextCursor;process.stdout.write(c)})')
rss() { awk '/VmRSS/ { print $2 }' "/proc/$PID/status"; }
BEFORE=$(rss)
node - "$BASE" "$HEAD" "$STREAMS" "$PID" >"$OUT/streams.txt" <<'JS'
const http = require("http");
const [base, head, count, pid] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let open = 0;
const requests = [];
for (let i = 0; i < Number(count); i++) {
  const req = http.get(`${base}/api/v1/changes/stream?types=tags&since=${head}`, { agent }, (res) => {
    if (res.statusCode !== 200) { console.error("stream refused", res.statusCode); process.exit(1); }
    res.on("data", () => {});
    if (++open === Number(count)) {
      // Every stream is open and idle: let the server settle, then report its resident memory.
      setTimeout(() => {
        const status = require("fs").readFileSync(`/proc/${pid}/status`, "utf8");
        console.log(/VmRSS:\s+(\d+)/.exec(status)[1]);
        requests.forEach((r) => r.destroy());
        process.exit(0);
      }, 5000);
    }
  });
  req.on("error", (e) => { console.error(e.message); process.exit(1); });
  requests.push(req);
}
JS
WITH=$(cat "$OUT/streams.txt")

{
  echo "| measurement | pages or streams | p50 ms | p99 ms | max ms | note |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  echo "| log page of 1,000, full (admin) | $FULL | every article whole, as GET by id |"
  echo "| log page of 1,000, summary (admin) | $SUMMARY | \`shape=summary\` |"
  echo "| log page of 1,000, summary (public) | $PUBLIC | anonymous: public articles only |"
  echo "| snapshot page of 1,000, summary (admin) | $SNAPSHOT | first 100 pages of a consumer starting from nothing |"
  echo
  echo "Idle streams: $STREAMS open on one instance, RSS $((BEFORE / 1024)) MiB before, $((WITH / 1024)) MiB with them: $(( (WITH - BEFORE) / 1024 )) MiB for $STREAMS streams ($(( (WITH - BEFORE) / STREAMS )) KiB each)."
  echo
  echo "SQLite, $ARTICLES articles and as many changes; load average $LOAD before the pages; $(date -u +%F), commit $(git rev-parse --short HEAD)."
} | tee "$OUT/changes.md"
