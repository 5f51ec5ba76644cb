#!/usr/bin/env bash
# The media benchmark: the API in Release on a fresh SQLite file and media directory (bench/NewsApi.Bench, command
# "media"). Measures upload of a 5-megapixel JPEG, card generation from 20-megapixel originals, a stored rendition
# under wrk (apt-get install wrk), and peak RSS while 8 clients upload 20-megapixel images at once. Prints a table for
# bench/RESULTS.md and writes it to bench/out/media/media.md. Options are passed on (e.g. --uploads 20 for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/media
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
dotnet "$OUT/NewsApi.Bench/NewsApi.Bench.dll" media --api-dll "$OUT/NewsApi/NewsApi.dll" --out "$OUT" "$@"
