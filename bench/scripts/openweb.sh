#!/usr/bin/env bash
# The open-web reads at scale: every feed format, the News sitemap and the sitemap index, uncached (output cache
# off), with wrk; then the first 50,000-URL article sitemap page, timed with curl, and the server's peak RSS.
# Usage: bench/scripts/openweb.sh [size] (default 100000), on SQLite; seeds bench/data/sqlite-<size>-s42.db when
# missing (the same database bench/run.sh uses). Prints its figures; bench/RESULTS.md quotes them.
set -uo pipefail
cd "$(dirname "$0")/../.."
SIZE="${1:-100000}"
OUT="$PWD/bench/out/openweb"; DATA=bench/data
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
# The commonest and the rarest tag and the most prolific author, straight from the file: the API's articleCount sort
# counts every link of the archive (minutes at 1,000,000 articles).
most() { sqlite3 -readonly "$DATA/sqlite-$SIZE-s42.db" "SELECT x.Slug FROM $1 l JOIN $2 x ON x.Id = l.$3 GROUP BY x.Id ORDER BY COUNT(*) $4 LIMIT 1"; }
TAG=$(most ArticleTags Tags TagId DESC); RARE=$(most ArticleTags Tags TagId ASC); AUTHOR=$(most ArticleAuthors Authors AuthorId DESC)
# The API's CPU time (user + system, in clock ticks) since it started: per request, the figure a busy machine spoils least.
cpu() { awk '{print $14 + $15}' "/proc/$API/stat"; }
TICK=$(getconf CLK_TCK)
log "$SIZE articles, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for path in /feeds/articles.rss /feeds/articles.atom /feeds/articles.json "/feeds/tags/$TAG.rss" "/feeds/tags/$RARE.rss" \
  "/feeds/authors/$AUTHOR.json" /sitemap-news.xml /sitemap.xml; do
  wrk -t2 -c8 -d3s "$BASE$path" >/dev/null 2>&1
  before=$(cpu)
  result=$(wrk -t2 -c8 -d10s --latency "$BASE$path")
  used=$(( $(cpu) - before ))
  echo "$path: $(echo "$result" | awk -v used="$used" -v tick="$TICK" '/requests in/{n=$1} /Requests\/sec/{r=$2} / 50%/{p50=$2} / 99%/{p99=$2} /Non-2xx/{e=$0}
    END{printf "%s req/s, p50 %s, p99 %s, CPU %.2f ms a request %s", r, p50, p99, n ? used * 1000 / tick / n : 0, e}'), load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "feed sizes: $(for f in rss atom json; do curl -s -o /dev/null -w "$f %{size_download} B; " "$BASE/feeds/articles.$f"; done)"
echo "news sitemap: $(curl -s "$BASE/sitemap-news.xml" | grep -o '<url>' | wc -l) URLs"
for i in 1 2 3; do
  curl -s -o /dev/null -w "articles-1.xml: %{http_code}, %{size_download} bytes, %{time_total} s\n" "$BASE/sitemaps/articles-1.xml"
done
echo "peak RSS after the sitemap pages: $(awk '/VmHWM/{print $2" "$3}' /proc/$API/status)"
