#!/usr/bin/env bash
# The load benchmark: builds Release, seeds a database per provider and size (cached under bench/data/), starts
# the API against it on 127.0.0.1, drives every scenario with wrk, and appends one JSON line per scenario to
# bench/results/<date>-<provider>-<size>.jsonl. Then prints the query plans of each scenario and writes
# bench/RESULTS.md and bench/p99.svg from all the results.
#
#   bench/run.sh [--sizes "10000 100000"] [--providers "Sqlite Postgres"] [--duration 15] [--warmup 3]
#                [--seed 42] [--only "s2-front s7-slug ..."] [--no-report] [--tiny]
#
# --tiny: 1,000 articles, 2 s per scenario, SQLite only unless --providers says otherwise; results and report go
# to bench/out/tiny/ instead of bench/. CI runs it so that the suite cannot rot; it checks every scenario's
# status codes, not its timings.
# PostgreSQL: a throwaway cluster started here (its data kept under bench/data/postgres when the postgres user
# can reach that folder), or the server named by NEWSAPI_BENCH_POSTGRES (a connection string without Database).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH="$ROOT/bench"
OUT="$BENCH/out"
DATA="$BENCH/data"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SIZES="10000 100000"
PROVIDERS="Sqlite Postgres"
PROVIDERS_GIVEN=0
DURATION=15
WARMUP=3
SEED=42
ONLY=""
REPORT=1
TINY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --providers) PROVIDERS="$2"; PROVIDERS_GIVEN=1; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --no-report) REPORT=0; shift ;;
    --tiny) TINY=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
RESULTS="$BENCH/results"
REPORT_DIR="$BENCH"
if [[ $TINY == 1 ]]; then
  SIZES="1000"; DURATION=2; WARMUP=1
  [[ $PROVIDERS_GIVEN == 1 ]] || PROVIDERS="Sqlite"
  RESULTS="$OUT/tiny/results"; REPORT_DIR="$OUT/tiny"
  rm -rf "$OUT/tiny"
fi
mkdir -p "$OUT" "$DATA" "$RESULTS"

log() { echo "bench: $*" >&2; }
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# --- tools ----------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
log "building Release"
# A failed build prints MSBuild's own output, so that CI shows why.
publish() {
  if ! dotnet publish "$1" -c Release -o "$2" --nologo -v quiet >"$OUT/publish.log" 2>&1; then
    cat "$OUT/publish.log" >&2
    log "publishing $1 failed"
    exit 1
  fi
}
publish src/NewsApi "$OUT/api"
publish bench/NewsApi.Bench "$OUT/tool"
tool() { dotnet "$OUT/tool/NewsApi.Bench.dll" "$@"; }
BENCH_COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
export BENCH_COMMIT

# --- PostgreSQL -------------------------------------------------------------------------------------------
PGDIR=""
PG_BASE="${NEWSAPI_BENCH_POSTGRES:-}"
PG_THROWAWAY=0
API_PID=""
cleanup() {
  [[ -n "$API_PID" ]] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null || true
  if [[ -n "$PGDIR" && -d "$PGDIR/data" ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
    if [[ $PG_THROWAWAY == 1 ]]; then rm -rf "$PGDIR"; fi
  fi
}
trap cleanup EXIT

start_postgres() {
  [[ -n "$PG_BASE" ]] && return
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$PGBIN" || ! -x "$PGBIN/initdb" ]]; then
    log "installing PostgreSQL"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user, in a folder it can reach.
  PGDIR="$DATA/postgres"
  mkdir -p "$PGDIR" && chown postgres:postgres "$PGDIR" && chmod 700 "$PGDIR"
  if ! runuser -u postgres -- test -w "$PGDIR" 2>/dev/null || [[ $TINY == 1 ]]; then
    PGDIR=$(mktemp -d -t newsapi-bench-pg.XXXXXX); PG_THROWAWAY=1
    chown postgres:postgres "$PGDIR"; chmod 700 "$PGDIR"
  fi
  if [[ ! -f "$PGDIR/data/PG_VERSION" ]]; then
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  local port; port=$(free_port)
  # Durable commits as in production; bigger buffers and WAL than the packaged defaults, as any real server has.
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 120 -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $PGDIR -c max_connections=200 -c shared_buffers=1GB -c effective_cache_size=8GB -c work_mem=16MB -c max_wal_size=8GB" \
    start >/dev/null
  PG_BASE="Host=127.0.0.1;Port=$port;Username=postgres"
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $PGDIR"
}

# --- the API ----------------------------------------------------------------------------------------------
ADMIN_KEY="nk_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
start_api() { # provider connection cached; on $PORT, the same for the whole run of one provider and size
  API_ARGS=("$@")
  BASE="http://127.0.0.1:$PORT"
  (cd "$OUT/api" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
      Database__Provider="$1" ConnectionStrings__News="$2" Database__MigrateOnStartup=false \
      Auth__BootstrapAdminKey="$ADMIN_KEY" RateLimits__ReadsPerMinute=100000000 RateLimits__WritesPerMinute=100000000 \
      Editing__RequireIfMatch=false OutputCache__Enabled="$3" Logging__LogLevel__Default=Warning \
      dotnet NewsApi.dll >"$OUT/api-$1-$SIZE-$3.log" 2>&1) &
  API_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "$BASE/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$API_PID" 2>/dev/null || break
    sleep 0.5
  done
  log "the API did not become ready; its log:"; cat "$OUT/api-$1-$SIZE-$3.log" >&2
  exit 1
}
stop_api() {
  kill "$API_PID" 2>/dev/null || true
  wait "$API_PID" 2>/dev/null || true
  API_PID=""
}
restart_api() {
  log "restarting the API: requests of the previous scenario are still running"
  stop_api
  start_api "${API_ARGS[@]}"
}

expect() { # status url [curl args...]
  local want=$1 url=$2; shift 2
  local got; got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$@" "$url" || true)
  if [[ "$got" == 000 ]]; then
    log "no answer within 60 s from $url: left to the scenario to record"
  elif [[ "$got" != "$want" ]]; then
    log "expected $want from $url, got $got"; curl -s "$@" "$url" | head -c 600 >&2; echo >&2
    exit 1
  fi
}

# Waits (up to a minute) until the server has finished what the previous scenario left running: a request whose
# client has gone can still be working in the database.
quiesce() {
  local before after
  for _ in $(seq 1 120); do
    before=$(awk '{print $14 + $15}' "/proc/$API_PID/stat" 2>/dev/null || echo 0)
    sleep 0.5
    after=$(awk '{print $14 + $15}' "/proc/$API_PID/stat" 2>/dev/null || echo 0)
    (( after - before < 5 )) && return 0
  done
  return 1
}

selected() { [[ -z "$ONLY" || " $ONLY " == *" $1 "* ]]; }

scenario() { # id cached name url [script]
  local id=$1 cached=$2 name=$3 url=$4 script=${5:-}
  # A scenario left out (--only) takes its note with it, so that the next one does not inherit it.
  selected "$id" || { NOTE=""; return 0; }
  quiesce || restart_api
  # A scenario whose single request takes longer than wrk's timeout cannot be loaded: its one request is the figure.
  local once
  once=$(curl -s -o /dev/null -w '%{time_total}' --max-time 60 "$url" || true)
  if [[ -z "$script" ]] && awk -v t="$once" 'BEGIN { exit !(t > 5) }'; then
    tool record --single "$once" --results "$RESULT_FILE" --provider "$PROVIDER" --size "$SIZE" --scenario "$id" --name "$name" \
      --cached "$cached" --pid "$API_PID" --load-before "$(cut -d' ' -f1 /proc/loadavg)" --note "${NOTE:+$NOTE; }one request took ${once} s, not loaded"
    NOTE=""
    return 0
  fi
  local args=(-t2 -c32 --timeout 10s "$url")
  [[ -n "$script" ]] && args+=(-s "$script")
  wrk "${args[@]}" -d"${WARMUP}s" >/dev/null 2>&1 || true
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  wrk "${args[@]}" --latency -d"${DURATION}s" >"$OUT/wrk-$PROVIDER-$SIZE-$id.txt"
  tool record --wrk "$OUT/wrk-$PROVIDER-$SIZE-$id.txt" --results "$RESULT_FILE" --provider "$PROVIDER" --size "$SIZE" \
    --scenario "$id" --name "$name" --cached "$cached" --pid "$API_PID" --load-before "$load" --note "${NOTE:-}"
  NOTE=""
}

total_items() { curl -s --max-time 60 "$1" | sed -n 's/.*"totalItems":\([0-9]*\).*/\1/p' || true; }

# --- one provider and size ------------------------------------------------------------------------------
run_one() {
  local conn name
  PORT=$(free_port)
  if [[ $PROVIDER == Sqlite ]]; then
    name="sqlite-$SIZE-s$SEED"
    conn="Data Source=$DATA/$name.db"
    [[ $TINY == 1 ]] && conn="Data Source=$OUT/tiny/$name.db"
  else
    start_postgres
    name="postgres-$SIZE-s$SEED"
    conn="$PG_BASE;Database=newsapi_bench_${SIZE}_s$SEED"
  fi
  RESULT_FILE="$RESULTS/$(date -u +%F)-${PROVIDER,,}-$SIZE.jsonl"
  # A run of some scenarios (--only) adds to the day's file; the report takes the last line of each scenario.
  if [[ -z "$ONLY" ]]; then rm -f "$RESULT_FILE"; fi
  local stats="$DATA/$name.seed.jsonl"
  [[ $TINY == 1 ]] && stats="$OUT/tiny/$name.seed.jsonl"
  log "$PROVIDER, $SIZE articles: seeding (reused when present)"
  # A tiny run also checks the search index the generator built against the articles.
  local verify=(); [[ $TINY == 1 ]] && verify=(--verify)
  tool seed --if-missing "${verify[@]}" --provider "$PROVIDER" --connection "$conn" --articles "$SIZE" --seed "$SEED" --stats-file "$stats"
  [[ -f "$stats" ]] && tail -n 1 "$stats" >>"$RESULT_FILE"
  tool params --provider "$PROVIDER" --connection "$conn" --seed "$SEED" --out "$OUT/params-$PROVIDER-$SIZE"
  # shellcheck disable=SC1090
  source "$OUT/params-$PROVIDER-$SIZE.env"
  export BENCH_PARAMS="$OUT/params-$PROVIDER-$SIZE.lua"
  local list="/api/v1/articles?pageSize=20"
  local phrase_q="%22${P_PHRASE// /%20}%22"

  # Output caching on: the trivial endpoint (this server's ceiling) and the front page.
  start_api "$PROVIDER" "$conn" true
  expect 200 "$BASE$list"
  NOTE="ceiling of this server on this machine"
  scenario s1-health true "Trivial endpoint /health/live" "$BASE/health/live"
  scenario s2-front true "Front page, 20 newest (output cache)" "$BASE$list"
  stop_api

  # Output caching off: every request reaches the database.
  start_api "$PROVIDER" "$conn" false
  local cursor_url="$BASE$list&cursor=$P_CURSOR" offset_url="$BASE/api/v1/articles?page=$P_OFFSET_PAGE&pageSize=20"
  local slug_url="$BASE/api/v1/articles/slug/$P_SLUG"
  for url in "$BASE$list" "$cursor_url" "$offset_url" "$BASE$list&tag=$P_TAG" "$BASE$list&author=$P_AUTHOR" \
             "$BASE$list&tag=$P_RARE_TAG" "$BASE$list&author=$P_RARE_AUTHOR" "$BASE$list&source=$P_SOURCE" \
             "$BASE$list&q=$P_WORD" "$BASE$list&q=$phrase_q" "$BASE$list&q=$P_WORD&sort=-publishedAt" "$slug_url"; do
    expect 200 "$url"
  done
  BENCH_ETAG=$(curl -si "$slug_url" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
  export BENCH_ETAG BENCH_PATH="/api/v1/articles/slug/$P_SLUG"
  expect 304 "$slug_url" -H "If-None-Match: $BENCH_ETAG"
  local page_note="page $P_CURSOR_PAGE"
  [[ $P_CURSOR_PAGE != 5000 ]] && page_note="page $P_CURSOR_PAGE, the last (page 5,000 needs 100,000 public articles)"
  local offset_note="page $P_OFFSET_PAGE, the deepest offset paging serves"
  [[ $P_OFFSET_PAGE != 500 ]] && offset_note="page $P_OFFSET_PAGE, the last (page 500, the deepest offset paging serves, needs 10,000 public articles)"
  scenario s3-front-nocache false "Front page, output cache off" "$BASE$list"
  NOTE="$page_note; keyset"
  scenario s4-cursor false "Deep page via cursor" "$cursor_url"
  NOTE="$offset_note; COUNT(*) of $(total_items "$offset_url") public articles per request"
  scenario s4-offset false "Deep page via offset" "$offset_url"
  NOTE="tag $P_TAG on $P_TAG_COUNT articles"
  scenario s5-tag false "Filter by a common tag" "$BASE$list&tag=$P_TAG"
  NOTE="author $P_AUTHOR on $P_AUTHOR_COUNT articles"
  scenario s5-author false "Filter by an author" "$BASE$list&author=$P_AUTHOR"
  NOTE="tag $P_RARE_TAG on $P_RARE_TAG_COUNT articles"
  scenario s5-tag-rare false "Filter by a rare tag" "$BASE$list&tag=$P_RARE_TAG"
  NOTE="author $P_RARE_AUTHOR on $P_RARE_AUTHOR_COUNT articles"
  scenario s5-author-rare false "Filter by a rare author" "$BASE$list&author=$P_RARE_AUTHOR"
  NOTE="source $P_SOURCE on $P_SOURCE_COUNT articles"
  scenario s5-source false "Filter by a source" "$BASE$list&source=$P_SOURCE"
  NOTE="q=$P_WORD, ranked; $(total_items "$BASE$list&q=$P_WORD") matches"
  scenario s6-search-word false "Search, one word (relevance)" "$BASE$list&q=$P_WORD"
  NOTE="q=\"$P_PHRASE\", ranked; $(total_items "$BASE$list&q=$phrase_q") matches"
  scenario s6-search-phrase false "Search, two-word phrase (relevance)" "$BASE$list&q=$phrase_q"
  NOTE="q=$P_WORD&sort=-publishedAt"
  scenario s6-search-newest false "Search, one word (newest first)" "$BASE$list&q=$P_WORD&sort=-publishedAt"
  scenario s7-slug false "One article by slug" "$slug_url"
  NOTE="If-None-Match with the current ETag; the query still runs"
  scenario s8-revalidate false "304 revalidation" "$slug_url" "$BENCH/scripts/revalidate.lua"
  stop_api

  # Output caching on again, with writes evicting what they touch.
  start_api "$PROVIDER" "$conn" true
  local keys=()
  for i in 1 2 3 4; do
    keys+=("$(curl -sf -X POST "$BASE/api/v1/keys" -H "X-Api-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
      -d "{\"name\":\"Bench editor $i\",\"scopes\":[\"content:write\"]}" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')")
  done
  BENCH_KEYS=$(IFS=,; echo "${keys[*]}")
  export BENCH_KEYS
  expect 200 "$BASE/api/v1/articles/$P_ID" -X PATCH -H 'Content-Type: application/merge-patch+json' \
    -H "X-Api-Key: ${keys[0]}" -d '{"subtitle":"Checked before the mixed workload"}'
  NOTE="95% reads (35% article pages, 25% front page, 5% each other list, 5% 304s), 5% PATCH by 4 editors"
  scenario s9-mixed true "Mixed: 95% reads, 5% writes" "$BASE" "$BENCH/scripts/mixed.lua"
  stop_api

  if selected explain; then
    local stem
    stem="$(date -u +%F)-${PROVIDER,,}-$SIZE"
    tool explain --provider "$PROVIDER" --connection "$conn" --params "$OUT/params-$PROVIDER-$SIZE.env" \
      --out "$OUT/$stem-explain.md" --summary "$RESULTS/$stem-explain.jsonl"
    if [[ $PROVIDER == Sqlite && $SIZE -le 100000 && $TINY == 0 ]]; then
      # What full planner statistics change, on a throwaway copy (the API samples them with PRAGMA optimize).
      local db="${conn#Data Source=}"
      cp "$db" "$OUT/analyzed.db"
      tool explain --analyze --provider "$PROVIDER" --connection "Data Source=$OUT/analyzed.db" --params "$OUT/params-$PROVIDER-$SIZE.env" \
        --out "$OUT/$stem-explain-analyzed.md" --summary "$RESULTS/$stem-explain-analyzed.jsonl"
      rm -f "$OUT/analyzed.db"*
    fi
  fi
}

for SIZE in $SIZES; do
  for PROVIDER in $PROVIDERS; do
    run_one
  done
done

if [[ $REPORT == 1 ]]; then
  tool report --results "$RESULTS" --out "$REPORT_DIR"
fi
log "done: results in ${RESULTS#"$ROOT"/}"
