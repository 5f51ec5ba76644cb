#!/usr/bin/env bash
# The OpenAPI fuzzer (tests/NewsApi.Fuzz) at scale: N requests as an editor and N anonymously (default 25,000 each,
# 50,000 in all) against the built API started in Production on SQLite. Prints each run's summary line and exits
# non-zero when a run finds a failure. Usage: bench/fuzz.sh [requests-per-caller] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-25000}
OUT=$(mktemp -d /tmp/newsapi-fuzz.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
dotnet build tests/NewsApi.Fuzz -c Debug -nologo -v quiet
status=0
started=$(date +%s)
NEWSAPI_FUZZ_REQUIRED=true NEWSAPI_FUZZ_REQUESTS=$REQUESTS NEWSAPI_FUZZ_SECONDS=${NEWSAPI_FUZZ_SECONDS:-3600} \
NEWSAPI_FUZZ_SEED=${2:-${NEWSAPI_FUZZ_SEED:-}} \
  dotnet test tests/NewsApi.Fuzz --no-build --filter "FullyQualifiedName~OpenApiFuzzTests" --logger trx --results-directory "$OUT" \
  >"$OUT/test.log" 2>&1 || status=$?
python3 - "$OUT" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(f).getroot()
    for result in root.iterfind(".//{*}UnitTestResult"):
        text = "\n".join((e.text or "") for e in [*result.iterfind(".//{*}StdOut"), *result.iterfind(".//{*}Message")])
        lines = [l.strip() for l in text.splitlines() if "requests (" in l]
        print(f"{result.get('outcome')}: {lines[0] if lines else result.get('testName')}")
PY
echo "fuzz: $(( $(date +%s) - started )) s in all, exit $status"
[[ $status -eq 0 ]] || tail -n 80 "$OUT/test.log"
exit $status
