#!/usr/bin/env bash
# The open-web reads at scale: every feed format, the News sitemap and the sitemap index, uncached (output cache
# off), with wrk; then the first 50,000-URL article sitemap page, timed with curl, and the server's peak RSS.
# Usage: bench/scripts/openweb.sh [size] (default 100000), on SQLite; seeds bench/data/sqlite-<size>-s42.db when
# missing (the same database bench/run.sh uses). Prints its figures; bench/RESULTS.md quotes them.
set -uo pipefail
cd "$(dirname "$0")/../.."
SIZE="${1:-100000}"
OUT=bench/out/openweb; DATA=bench/data
mkdir -p "$OUT" "$DATA"
log() { echo "[$(date -u +%T)] $*"; }
dotnet publish src/NewsApi -c Release -o "$OUT/api" --nologo -v quiet >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log"; exit 1; }
dotnet publish bench/NewsApi.Bench -c Release -o "$OUT/tool" --nologo -v quiet >>"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log"; exit 1; }
CONN="Data Source=$PWD/$DATA/sqlite-$SIZE-s42.db"
dotnet "$OUT/tool/NewsApi.Bench.dll" seed --if-missing --provider Sqlite --connection "$CONN" --articles "$SIZE" --seed 42 \
  --stats-file "$DATA/sqlite-$SIZE-s42.seed.jsonl" >"$OUT/seed.log" 2>&1 || { tail "$OUT/seed.log"; exit 1; }
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
(cd "$OUT/api" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" Database__Provider=Sqlite ConnectionStrings__News="$CONN" \
  Database__MigrateOnStartup=false Auth__BootstrapAdminKey="nk_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" \
  RateLimits__ReadsPerMinute=100000000 OutputCache__Enabled=false Logging__LogLevel__Default=Warning \
  Site__BaseUrl=https://news.example.com Site__PublicationName="Example News" dotnet NewsApi.dll >"$OUT/api.log" 2>&1) &
API=$!
trap 'kill $API 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.5; done
TAG=$(curl -s "$BASE/api/v1/tags?sort=-articleCount&pageSize=1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["items"][0]["slug"])')
log "$SIZE articles, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for path in /feeds/articles.rss /feeds/articles.atom /feeds/articles.json "/feeds/tags/$TAG.rss" /sitemap-news.xml /sitemap.xml; do
  wrk -t2 -c8 -d3s "$BASE$path" >/dev/null 2>&1
  echo "$path: $(wrk -t2 -c8 -d10s --latency "$BASE$path" | awk '/Requests\/sec/{r=$2} / 50%/{p50=$2} / 99%/{p99=$2} /Non-2xx/{e=$0} END{print r" req/s, p50 "p50", p99 "p99" "e}')"
done
echo "news sitemap: $(curl -s "$BASE/sitemap-news.xml" | grep -o '<url>' | wc -l) URLs"
for i in 1 2 3; do
  curl -s -o /dev/null -w "articles-1.xml: %{http_code}, %{size_download} bytes, %{time_total} s\n" "$BASE/sitemaps/articles-1.xml"
done
echo "peak RSS after the sitemap pages: $(awk '/VmHWM/{print $2" "$3}' /proc/$API/status)"
