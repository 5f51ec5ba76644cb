#!/usr/bin/env bash
# Two instances behind nginx on this machine (the cluster suite's harness, tests/cluster/lib.sh): the proxy's cost on
# a cached read, and the front page's output-cache hit ratio across the instances under the mixed workload. The API
# in Release on a seeded PostgreSQL database (bench/NewsApi.Bench seed), sharing one Redis. Writes the section
# bench/sections/70-cluster.md (bench/RESULTS.md takes it in at its next report).
#
#   bench/cluster.sh [--articles 10000] [--duration 15] [--write-rate 2]
#
# PostgreSQL: NEWSAPI_BENCH_POSTGRES or NEWSAPI_TEST_POSTGRES (a connection string without Database), else a
# throwaway cluster started here. Redis: NEWSAPI_BENCH_REDIS or NEWSAPI_TEST_REDIS, else a throwaway redis-server.
set -euo pipefail
cd "$(dirname "$0")/.."
CLUSTER_ROOT=$(pwd)
# shellcheck source=../tests/cluster/lib.sh
source tests/cluster/lib.sh
ARTICLES=10000 DURATION=15 WRITE_RATE=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) ARTICLES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --write-rate) WRITE_RATE=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "cluster.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
OUT="$CLUSTER_ROOT/bench/out/cluster"
mkdir -p "$OUT"; rm -rf "$OUT"/nginx "$OUT"/*.log "$OUT"/*.txt "$OUT"/*.line
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { echo "cluster: $*" >&2; }
cluster_install wrk wrk
cluster_install nginx nginx

PID_A="" PID_B="" NGINX_PID="" PGDIR="" REDIS_PORT="" WRITER_PID=""
cleanup() {
  for pid in $WRITER_PID $PID_A $PID_B $NGINX_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in $WRITER_PID $PID_A $PID_B $NGINX_PID; do wait "$pid" 2>/dev/null || true; done
  [[ -n "$REDIS_PORT" ]] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  if [[ -n "$PGDIR" ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
  fi
}
trap cleanup EXIT

log "publishing Release"
for project in src/NewsApi bench/NewsApi.Bench; do
  dotnet publish "$project" -c Release -o "$OUT/$(basename "$project")" --nologo -v quiet >"$OUT/publish.log" 2>&1 \
    || { cat "$OUT/publish.log" >&2; exit 1; }
done
tool() { dotnet "$OUT/NewsApi.Bench/NewsApi.Bench.dll" "$@"; }

PG_BASE=${NEWSAPI_BENCH_POSTGRES:-${NEWSAPI_TEST_POSTGRES:-}}
if [[ -z "$PG_BASE" ]]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  PGDIR=$(mktemp -d /tmp/newsapi-cluster-pg.XXXXXX); chown postgres:postgres "$PGDIR"; chmod 700 "$PGDIR"
  port=$(cluster_free_port)
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 120 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PGDIR -c max_connections=300 -c shared_buffers=512MB" start >/dev/null
  PG_BASE="Host=127.0.0.1;Port=$port;Username=postgres"
fi
REDIS=${NEWSAPI_BENCH_REDIS:-${NEWSAPI_TEST_REDIS:-}}
if [[ -z "$REDIS" ]]; then
  cluster_install redis-server redis-server
  REDIS_PORT=$(cluster_free_port)
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes >/dev/null
  REDIS="127.0.0.1:$REDIS_PORT"
fi

CONN="${PG_BASE%;};Database=newsapi_bench_cluster_${ARTICLES}_s42"
log "seeding $ARTICLES articles (reused when present)"
tool seed --if-missing --provider Postgres --connection "$CONN" --articles "$ARTICLES" --seed 42 >&2
tool params --provider Postgres --connection "$CONN" --seed 42 --out "$OUT/params" >&2
# shellcheck disable=SC1091
source "$OUT/params.env"
export BENCH_PARAMS="$OUT/params.lua"

ADMIN_KEY=$(cluster_new_key)
CLUSTER_ENV=(
  "$SETTING_PROVIDER=Postgres" "$SETTING_PRIMARY=$CONN" "$SETTING_MIGRATE=false"
  "$SETTING_REDIS=$REDIS" "$SETTING_REDIS_PREFIX=newsapi-bench-cluster-$$:" "$SETTING_ADMIN_KEY=$ADMIN_KEY"
  RateLimits__ReadsPerMinute=100000000 RateLimits__WritesPerMinute=100000000 Editing__RequireIfMatch=false
)
PORT_A=$(cluster_free_port) PORT_B=$(cluster_free_port) PORT_PROXY=$(cluster_free_port)
A="http://127.0.0.1:$PORT_A" PROXY="http://127.0.0.1:$PORT_PROXY"
cluster_start_instance "$OUT/NewsApi" "$PORT_A" "$OUT/a.log"; PID_A=$INSTANCE_PID
cluster_start_instance "$OUT/NewsApi" "$PORT_B" "$OUT/b.log"; PID_B=$INSTANCE_PID
cluster_wait_ready "$A" "$PID_A" "$OUT/a.log"
cluster_wait_ready "http://127.0.0.1:$PORT_B" "$PID_B" "$OUT/b.log"
# nginx logs, for the hit ratio, each request's path and the Age header of its answer (present when the instance
# served it from the output cache); buffered so that logging costs little.
CLUSTER_NGINX_HTTP="log_format hits '\$request_method \$request_uri \$status \"\$upstream_http_age\" \$upstream_addr';"
export CLUSTER_NGINX_HTTP
CLUSTER_NGINX_ACCESS_LOG="off" cluster_nginx "$OUT/nginx" "$PORT_PROXY" "$PORT_A" "$PORT_B"
FRONT="/api/v1/articles?pageSize=20"

# wrk_run <label> <url> <connections> [script]: prints the label, p50 and p99 in ms, requests per second and errors.
wrk_run() {
  local label=$1 url=$2 connections=$3 script=${4:-}
  local args=("-t$(( connections < 2 ? 1 : 2 ))" "-c$connections" --timeout 10s --latency "$url")
  [[ -n "$script" ]] && args+=(-s "$script")
  wrk "${args[@]}" -d3s >/dev/null 2>&1 || true
  wrk "${args[@]}" -d"${DURATION}s" >"$OUT/wrk-$label.txt"
  awk -v label="$label" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF } /Socket errors/ { gsub(/,/, ""); sock = $4 + $6 + $8 + $10 }
    END { printf "%s %.2f %.2f %d %d\n", label, p50, p99, rps, bad + sock }' "$OUT/wrk-$label.txt"
}

log "the proxy's cost on a cached read: the front page, direct to instance A, then through nginx (both instances)"
curl -sf -o /dev/null "$A$FRONT"; curl -sf -o /dev/null "$PROXY$FRONT"
LOAD=$(cut -d' ' -f1 /proc/loadavg)
read -r _ D1_P50 D1_P99 D1_RPS D1_BAD < <(wrk_run direct-c1 "$A$FRONT" 1)
read -r _ P1_P50 P1_P99 P1_RPS P1_BAD < <(wrk_run proxy-c1 "$PROXY$FRONT" 1)
read -r _ D32_P50 D32_P99 D32_RPS D32_BAD < <(wrk_run direct-c32 "$A$FRONT" 32)
read -r _ P32_P50 P32_P99 P32_RPS P32_BAD < <(wrk_run proxy-c32 "$PROXY$FRONT" 32)

# The mixed workload of bench/run.sh (scripts/mixed.lua) through nginx, with the access log on.
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
CLUSTER_NGINX_ACCESS_LOG="$OUT/nginx/hits.log hits buffer=256k" cluster_nginx "$OUT/nginx" "$PORT_PROXY" "$PORT_A" "$PORT_B"
keys=()
for i in 1 2 3 4; do
  keys+=("$(curl -sf -X POST "$A/api/v1/keys" -H "X-Api-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench editor $i\",\"scopes\":[\"content:write\"]}" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')")
done
BENCH_ETAG=$(curl -si "$PROXY/api/v1/articles/slug/$P_SLUG" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
export BENCH_ETAG

# hit_ratio <log>: front-page GETs answered 200, and how many of them came from the output cache.
hit_ratio() {
  awk -v front="$FRONT" '$1 == "GET" && $2 == front && $3 == 200 { n++; if ($4 != "\"\"" && $4 != "\"-\"") h++ }
    END { printf "%d %d %.1f\n", n, h, n ? 100 * h / n : 0 }' "$1"
}
mixed_run() { # label keys
  : >"$OUT/nginx/hits.log"; kill -USR1 "$NGINX_PID" 2>/dev/null || true
  BENCH_KEYS=$2 wrk_run "$1" "$PROXY" 32 "$CLUSTER_ROOT/bench/scripts/mixed.lua" >"$OUT/$1.line"
  # The log buffer reaches the file when nginx reopens it.
  kill -USR1 "$NGINX_PID"; sleep 1
  cp "$OUT/nginx/hits.log" "$OUT/$1.log"
  local writes; writes=$(awk '$1 == "PATCH" && $3 == 200 { n++ } END { print n + 0 }' "$OUT/$1.log")
  echo "$(cat "$OUT/$1.line") $(hit_ratio "$OUT/$1.log") $writes"
}
log "the mixed workload through nginx: 5% writes, as bench/run.sh's scenario 9"
read -r _ M_P50 M_P99 M_RPS M_BAD M_FRONT M_HITS M_RATIO M_WRITES < <(mixed_run mixed "$(IFS=,; echo "${keys[*]}")")

log "the same reads, with the writes at $WRITE_RATE a second from one editor"
( while :; do
    curl -s -o /dev/null -X PATCH "$A/api/v1/articles/$P_ID" -H "X-Api-Key: ${keys[0]}" -H 'Content-Type: application/merge-patch+json' \
      -d "{\"subtitle\":\"Paced edit $RANDOM\"}"
    sleep "$(awk -v r="$WRITE_RATE" 'BEGIN { print 1 / r }')"
  done ) &
WRITER_PID=$!
read -r _ R_P50 R_P99 R_RPS R_BAD R_FRONT R_HITS R_RATIO _ < <(mixed_run paced "")
kill "$WRITER_PID"; wait "$WRITER_PID" 2>/dev/null || true; WRITER_PID=""
R_WRITES=$(awk -v d="$DURATION" -v r="$WRITE_RATE" 'BEGIN { print d * r }')
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

met() { awk -v v="$1" 'BEGIN { print (v >= 95 ? "met" : "missed") }'; }
delta() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f", b - a }'; }
SECTION="$CLUSTER_ROOT/bench/sections/70-cluster.md"
cat >"$SECTION" <<MD
## Several instances behind nginx

\`bench/cluster.sh --articles $ARTICLES --duration $DURATION --write-rate $WRITE_RATE\`: two instances of the API in Release on one
seeded PostgreSQL database ($ARTICLES articles) and one Redis (the shared output cache), nginx 1.22 in front with
the site of \`deploy/nginx.conf\` (keep-alive to both instances), wrk (2 threads, 1 for one connection) on the same 2 cores as
everything else; the machine was shared, so compare the rows of one run, and read the tails at 32 connections as
the scheduler's rather than the proxy's.
Measured on $(date -u +%F), commit $(git rev-parse --short HEAD); load average $LOAD before the first run,
$LOAD_END at the end.

The proxy's cost on a cached read: the front page (\`GET $FRONT\`, answered from the output cache), direct to one
instance and through nginx to both, one after the other in one run. With one connection the difference is the
hop's own latency; with 32 the three processes compete for the two cores.

| front page, cached | connections | p50 ms | p99 ms | req/s | errors |
| --- | ---: | ---: | ---: | ---: | ---: |
| direct to one instance | 1 | $D1_P50 | $D1_P99 | $D1_RPS | $D1_BAD |
| through nginx, two instances | 1 | $P1_P50 ($(delta "$D1_P50" "$P1_P50")) | $P1_P99 ($(delta "$D1_P99" "$P1_P99")) | $P1_RPS | $P1_BAD |
| direct to one instance | 32 | $D32_P50 | $D32_P99 | $D32_RPS | $D32_BAD |
| through nginx, two instances | 32 | $P32_P50 ($(delta "$D32_P50" "$P32_P50")) | $P32_P99 ($(delta "$D32_P99" "$P32_P99")) | $P32_RPS | $P32_BAD |

The front page's output-cache hit ratio across the two instances, through nginx, under \`scripts/mixed.lua\`
(32 connections): counted from nginx's log of each answer's \`Age\` header, which ASP.NET Core's output cache adds to
what it serves from the cache (and only then). An article write evicts the lists that show the article (each entry
is tagged with the articles it shows), and every list only when the write can change which articles a list holds
(a publication, a tag, a deletion); an edit of its text evicts, besides those, only searches and the lists sorted
by title or update time. The workload edits the subtitle of one of 50 recent articles, one of which is on the front
page, so about one write in 50 costs the front page a miss, one for the whole cluster since the instances share the
entries in Redis; the paced writer edits that one article, so each of its writes costs one.

| workload | req/s | p50 ms | p99 ms | writes | front-page GETs | from the cache | hit ratio | target ≥ 95% |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
| scenario 9 as written: 5% PATCH | $M_RPS | $M_P50 | $M_P99 | $M_WRITES | $M_FRONT | $M_HITS | $M_RATIO% | $(met "$M_RATIO") |
| the same reads, writes paced at $WRITE_RATE/s | $R_RPS | $R_P50 | $R_P99 | $R_WRITES | $R_FRONT | $R_HITS | $R_RATIO% | $(met "$R_RATIO") |
MD
cat "$SECTION"
