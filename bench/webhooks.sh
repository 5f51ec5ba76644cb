#!/usr/bin/env bash
# The webhook benchmark: the API in Release on a fresh SQLite file and a local receiver (bench/NewsApi.Bench,
# command "webhooks"). Measures delivery throughput from one instance, publish-to-delivery latency, a receiver
# down for 10 minutes (compressed 60 times), and duplicates. Prints a table for bench/RESULTS.md and writes it
# to bench/out/webhooks/webhooks.md. Options are passed on to the command (e.g. --events 200 for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/webhooks
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in src/NewsApi bench/NewsApi.Bench; do
  name=$(basename "$project")
  if ! dotnet publish "$project" -c Release -o "$OUT/$name" --nologo -v quiet >"$OUT/publish.log" 2>&1; then
    cat "$OUT/publish.log" >&2
    echo "bench: publishing $project failed" >&2
    exit 1
  fi
done
rm -f "$OUT/api.log"
dotnet "$OUT/NewsApi.Bench/NewsApi.Bench.dll" webhooks --api-dll "$OUT/NewsApi/NewsApi.dll" --out "$OUT" "$@"
