#!/usr/bin/env bash
# The import and export benchmark: the API in Release run as its command line (`NewsApi import|export FILE`), on a
# generated newsroom (bench/NewsApi.Bench seed, cached under bench/data/). For each provider: export the seeded
# database, then import that file into an empty database, each timed and its peak RSS read by /usr/bin/time.
# Appends a markdown table to bench/out/transfer/transfer.md with the load average of the (shared) machine.
#
#   bench/transfer.sh [--articles 100000] [--providers "Sqlite Postgres"] [--seed 42]
#
# PostgreSQL: the server named by NEWSAPI_BENCH_POSTGRES (a connection string without Database), else the one
# NEWSAPI_TEST_POSTGRES names.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/out/transfer"
DATA="$ROOT/bench/data"
ARTICLES=100000
PROVIDERS="Sqlite Postgres"
SEED=42
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    --providers) PROVIDERS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "transfer.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$OUT" "$DATA"
log() { echo "transfer: $*" >&2; }
command -v /usr/bin/time >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq time >/dev/null; }

for project in src/NewsApi bench/NewsApi.Bench; do
  if ! dotnet publish "$project" -c Release -o "$OUT/$(basename "$project")" --nologo -v quiet >"$OUT/publish.log" 2>&1; then
    cat "$OUT/publish.log" >&2; log "publishing $project failed"; exit 1
  fi
done
API="$OUT/NewsApi/NewsApi.dll"
TOOL="$OUT/NewsApi.Bench/NewsApi.Bench.dll"

# Runs the API's command line against a database; prints "seconds peak-MiB" of the whole process.
cli() {
  local provider="$1" conn="$2"; shift 2
  local timing="$OUT/time.txt"
  Database__Provider="$provider" ConnectionStrings__News="$conn" Database__SeedDemoContent=false \
    Logging__LogLevel__Default=Warning Transfer__Directory="$OUT/jobs" \
    /usr/bin/time -f "%e %M" -o "$timing" dotnet "$API" "$@" >>"$OUT/cli.log" 2>&1 || { tail -20 "$OUT/cli.log" >&2; exit 1; }
  awk '{ printf "%s %.1f\n", $1, $2 / 1024 }' "$timing"
}

pg_server() { echo "${NEWSAPI_BENCH_POSTGRES:-${NEWSAPI_TEST_POSTGRES:?set NEWSAPI_BENCH_POSTGRES or NEWSAPI_TEST_POSTGRES}}"; }
pg_drop() { psql "$(pg_server | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/') dbname=postgres" -qc "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null; }

rows=()
for provider in $PROVIDERS; do
  if [[ $provider == Sqlite ]]; then
    source_conn="Data Source=$DATA/sqlite-$ARTICLES-s$SEED.db"
    target_conn="Data Source=$OUT/import-target.db"
    rm -f "$OUT"/import-target.db*
  else
    source_conn="$(pg_server);Database=newsapi_bench_${ARTICLES}_s$SEED"
    target_conn="$(pg_server);Database=newsapi_transfer_target"
    pg_drop newsapi_transfer_target
  fi
  log "$provider: seeding $ARTICLES articles (reused when present)"
  dotnet "$TOOL" seed --if-missing --provider "$provider" --connection "$source_conn" --articles "$ARTICLES" --seed "$SEED" >>"$OUT/seed.log" 2>&1
  file="$OUT/export-$provider-$ARTICLES.ndjson"
  log "$provider: export"
  read -r export_s export_mib < <(cli "$provider" "$source_conn" export "$file")
  lines=$(wc -l <"$file")
  log "$provider: import of $lines lines into an empty database"
  read -r import_s import_mib < <(cli "$provider" "$target_conn" import "$file" --mode create)
  grep -E "^(│|\|)? *[0-9]" "$OUT/cli.log" | tail -1 >&2 || true
  rows+=("| $provider | $ARTICLES | export | $export_s | $(awk -v n="$ARTICLES" -v s="$export_s" 'BEGIN{printf "%.0f", n/s}') | $export_mib | $(du -m "$file" | cut -f1) MiB, $lines lines |")
  rows+=("| $provider | $ARTICLES | import (create, into an empty database) | $import_s | $(awk -v n="$ARTICLES" -v s="$import_s" 'BEGIN{printf "%.0f", n/s}') | $import_mib | |")
  rm -f "$file"
  [[ $provider == Sqlite ]] && rm -f "$OUT"/import-target.db*
  [[ $provider == Postgres ]] && pg_drop newsapi_transfer_target
done

{
  echo "Run $(date -u '+%F %H:%M') UTC on $(git rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
  echo "Times are the whole process (start-up and migrations included), articles/s = articles / that time."
  echo
  echo "| provider | articles | operation | seconds | articles/s | peak RSS MiB | file |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
} | tee -a "$OUT/transfer.md"
