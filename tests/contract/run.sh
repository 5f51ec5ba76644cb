#!/usr/bin/env bash
# Portman contract tests and fuzzing variations against a running API, run by Newman: once with the admin key
# (portman.admin.yaml) and once anonymously (portman.anonymous.yaml). Writes JUnit results to $CONTRACT_RESULTS.
#   NEWSAPI_CONTRACT_URL   the API's base URL, e.g. http://127.0.0.1:5000 (required)
#   NEWSAPI_CONTRACT_KEY   an admin key the API accepts (required)
#   CONTRACT_RESULTS       where to write the collections and JUnit files (default: ./results)
set -euo pipefail
cd "$(dirname "$0")"
: "${NEWSAPI_CONTRACT_URL:?set NEWSAPI_CONTRACT_URL to the running API}"
: "${NEWSAPI_CONTRACT_KEY:?set NEWSAPI_CONTRACT_KEY to an admin key}"
RESULTS=${CONTRACT_RESULTS:-$(pwd)/results}
mkdir -p "$RESULTS"
[[ -x node_modules/.bin/portman ]] || npm ci --no-audit --no-fund --loglevel=error

curl -fsS "$NEWSAPI_CONTRACT_URL/swagger/v1/swagger.json" -o "$RESULTS/openapi.json"
status=0
for who in admin anonymous; do
  PORTMAN_API_KEY=$NEWSAPI_CONTRACT_KEY node_modules/.bin/portman --local "$RESULTS/openapi.json" \
    --baseUrl "$NEWSAPI_CONTRACT_URL" --portmanConfigFile "portman.$who.yaml" --output "$RESULTS/$who.postman.json" \
    --includeTests --warn false >"$RESULTS/$who.portman.log" 2>&1 || { cat "$RESULTS/$who.portman.log" >&2; exit 1; }
  node_modules/.bin/newman run "$RESULTS/$who.postman.json" --reporters cli,junit --reporter-junit-export "$RESULTS/$who.junit.xml" \
    --env-var "baseUrl=$NEWSAPI_CONTRACT_URL" --env-var "apiKey=$NEWSAPI_CONTRACT_KEY" --color off --disable-unicode \
    >"$RESULTS/$who.newman.log" 2>&1 || status=1
  grep -E "^\| +(requests|assertions) " "$RESULTS/$who.newman.log" | sed "s/^/contract $who: /" || true
done
exit $status
