#!/usr/bin/env bash
# The cluster suite: two API instances started from the build output on loopback, sharing a fresh PostgreSQL
# database and Redis, with nginx in front of them (deploy/nginx.conf pointed at them), and checks that correctness
# does not depend on which instance answers. Each check prints "cluster: pass|FAIL|skip <name>"; the counts are
# written as a TRX-like file that .ci/run adds to its summary (a skipped check counts as neither passed nor failed).
#
#   tests/cluster/run.sh [--results <dir>]      (needs NEWSAPI_TEST_POSTGRES and NEWSAPI_TEST_REDIS, as the tests do)
#
# NEWSAPI_CLUSTER_API names the folder of a built NewsApi.dll (default: the Debug build). With
# NEWSAPI_TEST_POSTGRES_REPLICA (a streaming replica of that server, on this machine: the suite stops it with pg_ctl
# as the owner of its data directory, then starts it again with its own options, logging to
# NEWSAPI_TEST_POSTGRES_REPLICA_LOG when set), the instances read from it and one check stops it under load; without
# it that check is skipped, or failed when NEWSAPI_TEST_POSTGRES_REPLICA_REQUIRED is true.
set -euo pipefail
cd "$(dirname "$0")/../.."
CLUSTER_ROOT=$(pwd)
# shellcheck source=lib.sh
source tests/cluster/lib.sh
RESULTS_DIR="$CLUSTER_ROOT/TestResults/cluster"
[[ "${1:-}" == --results ]] && RESULTS_DIR=$2
mkdir -p "$RESULTS_DIR"
API_DIR=${NEWSAPI_CLUSTER_API:-$CLUSTER_ROOT/src/NewsApi/bin/Debug/net10.0}

# Rate-limit budgets kept in Redis: one budget for the cluster (0 skips that check).
FEATURE_SHARED_RATE_LIMITS=${NEWSAPI_CLUSTER_SHARED_RATE_LIMITS:-1}
REPLICA=${NEWSAPI_TEST_POSTGRES_REPLICA:-}
REPLICA_REQUIRED=${NEWSAPI_TEST_POSTGRES_REPLICA_REQUIRED:-false}

DRAIN_SECONDS=10            # Hosting:DrainSeconds of every instance
UNREADY_SECONDS=2           # Hosting:UnreadySeconds: /health/ready answers 503 this long before the drain
FAILED_AUTH_BUDGET=10       # RateLimits:FailedAuthenticationsPerMinute of every instance
LOAD_SECONDS=20
LEASE_SECONDS=5             # Jobs:LeaseSeconds: how long a killed holder keeps its jobs
REPLICA_LOAD_SECONDS=8      # the load across the replica's stop, which comes REPLICA_STOP_AFTER seconds in
REPLICA_STOP_AFTER=3

PASSED=0 FAILED=0 SKIPPED=0
WORK=$(mktemp -d /tmp/newsapi-cluster.XXXXXX)
PID_A="" PID_B="" NGINX_PID="" RECEIVER_PID="" DATABASE="" REPLICA_STOPPED="" REPLICA_STARTING=""
write_results() {
  printf '<TestRun><ResultSummary><Counters passed="%d" failed="%d" notExecuted="%d" /></ResultSummary></TestRun>\n' \
    "$PASSED" "$FAILED" "$SKIPPED" >"$RESULTS_DIR/cluster.trx"
  echo "cluster: $PASSED passed, $FAILED failed, $SKIPPED skipped"
}
finish() {
  local code=$?
  for pid in $PID_A $PID_B $NGINX_PID $RECEIVER_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in $PID_A $PID_B $NGINX_PID $RECEIVER_PID; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "$REPLICA_STARTING" ]]; then wait "$REPLICA_STARTING" || true
  elif [[ -n "$REPLICA_STOPPED" ]]; then replica_start || true; fi
  if [[ -n "$DATABASE" ]] && command -v psql >/dev/null 2>&1; then
    psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  # A suite that stopped before its checks ran is a failure, not silence.
  if [[ $code != 0 && $PASSED == 0 && $FAILED == 0 ]]; then FAILED=1; fi
  write_results
  if [[ $FAILED == 0 ]]; then rm -rf "$WORK"; else echo "cluster: logs kept in $WORK" >&2; fi
}
trap finish EXIT

pass() { PASSED=$((PASSED + 1)); echo "cluster: pass $1"; }
fail() { FAILED=$((FAILED + 1)); echo "cluster: FAIL $1: $2" >&2; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "cluster: skip $1: needs $2"; }
# node_check <name> <check of checks.mjs>
node_check() {
  local out
  if out=$(node tests/cluster/checks.mjs "$2" 2>&1); then
    [[ -z "$out" ]] || echo "$out"
    pass "$1"
  else
    fail "$1" "$out"
  fi
}

# The replica's server, asked for where it lives: its data directory and its programs, run as the directory's owner.
# It is started again by `pg_ctl restart`, which takes the options it last ran with from postmaster.opts.
replica_psql() { psql -h "$REPLICA_HOST" -p "$REPLICA_PORT" -U "$REPLICA_USER" -d "${2:-postgres}" -qAtc "$1"; }
replica_ctl() {
  if [[ $EUID == 0 ]]; then runuser -u "$REPLICA_OWNER" -- "$REPLICA_BIN/pg_ctl" -D "$REPLICA_DATA" "$@"
  else "$REPLICA_BIN/pg_ctl" -D "$REPLICA_DATA" "$@"; fi
}
replica_start() {
  replica_ctl -w -t 60 -l "${NEWSAPI_TEST_POSTGRES_REPLICA_LOG:-/dev/null}" restart >/dev/null 2>&1 \
    || { echo "cluster: the replica in $REPLICA_DATA did not start again" >&2; return 1; }
  REPLICA_STOPPED=""
}

# --- services --------------------------------------------------------------------------------------------------
[[ -n "${NEWSAPI_TEST_POSTGRES:-}" && -n "${NEWSAPI_TEST_REDIS:-}" ]] \
  || { echo "cluster: NEWSAPI_TEST_POSTGRES and NEWSAPI_TEST_REDIS must name the servers" >&2; exit 1; }
[[ -f "$API_DIR/NewsApi.dll" ]] || { echo "cluster: no NewsApi.dll in $API_DIR: build first" >&2; exit 1; }
cluster_install nginx nginx
cluster_install wrk wrk
cluster_install psql postgresql-client
cluster_install redis-cli redis-tools
cluster_install ss iproute2
PG_HOST=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$NEWSAPI_TEST_POSTGRES")
PG_PORT=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$NEWSAPI_TEST_POSTGRES")
PG_USER=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$NEWSAPI_TEST_POSTGRES")
if [[ -n "$REPLICA" ]]; then
  REPLICA_HOST=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$REPLICA")
  REPLICA_PORT=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$REPLICA")
  REPLICA_USER=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$REPLICA")
  # Left empty when the replica cannot be asked: its check then fails, and the others run.
  REPLICA_DATA=$(replica_psql "SHOW data_directory" 2>&1) || { echo "cluster: the replica does not answer: $REPLICA_DATA" >&2; REPLICA_DATA=""; }
  REPLICA_BIN=$(replica_psql "SELECT setting FROM pg_config WHERE name = 'BINDIR'" 2>/dev/null) || true
  REPLICA_OWNER=$(stat -c %U "$REPLICA_DATA" 2>/dev/null) || true
fi
RUN_ID="$(date +%s)_$$"
REDIS_PREFIX="newsapi-cluster-$RUN_ID:"
DATABASE="newsapi_cluster_$RUN_ID"
ADMIN_KEY=$(cluster_new_key)
CLUSTER_ENV=(
  "$SETTING_PROVIDER=Postgres"
  "$SETTING_PRIMARY=${NEWSAPI_TEST_POSTGRES%;};Database=$DATABASE"
  "$SETTING_REDIS=$NEWSAPI_TEST_REDIS"
  "$SETTING_REDIS_PREFIX=$REDIS_PREFIX"
  "$SETTING_ADMIN_KEY=$ADMIN_KEY"
  "$SETTING_DRAIN=$DRAIN_SECONDS"
  "$SETTING_UNREADY=$UNREADY_SECONDS"
  "$SETTING_PROXY=127.0.0.1"
  RateLimits__ReadsPerMinute=100000000
  RateLimits__WritesPerMinute=100000000
  "RateLimits__FailedAuthenticationsPerMinute=$FAILED_AUTH_BUDGET"
  "$SETTING_LEASE=$LEASE_SECONDS"
  # The receiver is plain http on loopback; the purge looks every second (a trashed article is made due by moving its
  # trashing back in the database past a retention of one day).
  Webhooks__AllowInsecureUrls=true
  Webhooks__AllowPrivateNetworks=true
  Trash__RetentionDays=1
  Trash__PurgeInterval=00:00:01
  # After any write, reads stay on the primary for the lag allowed plus one check: 3 s rather than 6.
  Database__MaxReplicaLagSeconds=2
)
[[ -z "$REPLICA" ]] || CLUSTER_ENV+=("$SETTING_REPLICA=${REPLICA%;};Database=$DATABASE")
PORT_A=$(cluster_free_port) PORT_B=$(cluster_free_port) PORT_PROXY=$(cluster_free_port)
export CLUSTER_A="http://127.0.0.1:$PORT_A" CLUSTER_B="http://127.0.0.1:$PORT_B" CLUSTER_PROXY="http://127.0.0.1:$PORT_PROXY"
export CLUSTER_ADMIN_KEY=$ADMIN_KEY CLUSTER_FAILED_AUTH_BUDGET=$FAILED_AUTH_BUDGET

# The migrations run once, by the first instance; the second starts on the migrated database.
cluster_start_instance "$API_DIR" "$PORT_A" "$WORK/a.log" "$SETTING_MIGRATE=true"; PID_A=$INSTANCE_PID
cluster_wait_ready "$CLUSTER_A" "$PID_A" "$WORK/a.log"
cluster_start_instance "$API_DIR" "$PORT_B" "$WORK/b.log" "$SETTING_MIGRATE=false"; PID_B=$INSTANCE_PID
cluster_wait_ready "$CLUSTER_B" "$PID_B" "$WORK/b.log"
cluster_nginx "$WORK/nginx" "$PORT_PROXY" "$PORT_A" "$PORT_B"
echo "cluster: instances on :$PORT_A and :$PORT_B, nginx on :$PORT_PROXY, database $DATABASE"
SEEDED=$(node tests/cluster/checks.mjs seed 25)
eval "$SEEDED"
export CLUSTER_AUTHOR CLUSTER_IDS CLUSTER_SLUGS
export CLUSTER_DATABASE="host=$PG_HOST port=$PG_PORT user=$PG_USER dbname=$DATABASE"
export CLUSTER_REDIS=$NEWSAPI_TEST_REDIS CLUSTER_REDIS_PREFIX=$REDIS_PREFIX CLUSTER_LEASE_SECONDS=$LEASE_SECONDS
export CLUSTER_RECEIVER_LOG="$WORK/deliveries.jsonl"
PORT_RECEIVER=$(cluster_free_port)
node tests/cluster/receiver.mjs "$PORT_RECEIVER" "$CLUSTER_RECEIVER_LOG" >"$WORK/receiver.log" 2>&1 & RECEIVER_PID=$!
timeout 10 bash -c "until grep -q 'receiver on' '$WORK/receiver.log'; do sleep 0.1; done" \
  || { echo "cluster: the webhook receiver did not start: $(cat "$WORK/receiver.log")" >&2; exit 1; }
export CLUSTER_RECEIVER_URL="http://127.0.0.1:$PORT_RECEIVER/hooks"
SUBSCRIBED=$(node tests/cluster/checks.mjs subscribe "$CLUSTER_RECEIVER_URL")
eval "$SUBSCRIBED"
export CLUSTER_WEBHOOK_ID

# --- the checks ------------------------------------------------------------------------------------------------
check_rate_budget_is_global() {
  [[ $FEATURE_SHARED_RATE_LIMITS == 1 ]] || { skip rate-budget-is-global "rate-limit budgets in Redis"; return; }
  node_check rate-budget-is-global rate-budget
}

check_write_visible_across_instances() {
  node_check write-through-a-visible-on-b-and-nginx write-through-a
  node_check write-through-nginx-visible-on-both-instances write-through-proxy
}

check_revoked_key_fails_everywhere() {
  node_check revoked-key-fails-on-both-instances revoked-key
}

check_scheduled_article_runs_once() {
  node_check scheduled-article-webhook-and-purge-run-once scheduled-runs-once
}

# SIGKILL to the instance holding the webhook dispatcher's lease (checks.mjs lease-handover): the other one takes the
# jobs over within Jobs:LeaseSeconds. The killed instance is started again for the checks after this one.
check_lease_moves_on_kill() {
  local name=killed-lease-holder-hands-jobs-over out killed rc=0
  # The shell's own "Killed" notice for the instance goes to /dev/null: the check says what happened.
  {
    out=$(CLUSTER_PID_A=$PID_A CLUSTER_PID_B=$PID_B node tests/cluster/checks.mjs lease-handover 2>&1) || rc=$?
    killed=$(sed -n 's/^CLUSTER_KILLED=//p' <<<"$out")
    case $killed in A) wait "$PID_A" || true ;; B) wait "$PID_B" || true ;; esac
  } 2>/dev/null
  grep '^cluster: ' <<<"$out" || true
  if (( rc == 0 )); then pass "$name"; else fail "$name" "$(grep -v '^cluster: \|^CLUSTER_KILLED=' <<<"$out")"; fi
  local ready=0
  case $killed in
    A) cluster_start_instance "$API_DIR" "$PORT_A" "$WORK/a2.log" "$SETTING_MIGRATE=false"; PID_A=$INSTANCE_PID
       cluster_wait_ready "$CLUSTER_A" "$PID_A" "$WORK/a2.log" || ready=$? ;;
    B) cluster_start_instance "$API_DIR" "$PORT_B" "$WORK/b2.log" "$SETTING_MIGRATE=false"; PID_B=$INSTANCE_PID
       cluster_wait_ready "$CLUSTER_B" "$PID_B" "$WORK/b2.log" || ready=$? ;;
  esac
  (( ready == 0 )) || fail killed-instance-starts-again "instance $killed did not become ready after the kill"
}

# wrk_counts <wrk output>: sets REQUESTS, NON2XX and SOCKET from a wrk report.
wrk_counts() {
  REQUESTS=$(awk '/requests in/ { print $1 }' "$1")
  NON2XX=$(awk -F: '/Non-2xx or 3xx responses/ { gsub(/ /, "", $2); print $2 }' "$1")
  SOCKET=$(awk '/Socket errors/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$1")
  NON2XX=${NON2XX:-0} SOCKET=${SOCKET:-0} REQUESTS=${REQUESTS:-0}
}

# Reads with a content:read key (never served from the output cache, so each one reaches a database) through nginx
# for REPLICA_LOAD_SECONDS; REPLICA_STOP_AFTER seconds in, the replica is stopped (pg_ctl stop -m immediate). The
# replica must have served the articles before the stop (its scans of "Articles" rise: the check is not vacuous), and
# no read may fail across the stop: a read the replica dropped is answered from the primary.
check_replica_stop_under_load() {
  local name=replica-stopped-under-load-fails-no-read
  if [[ -z "$REPLICA" ]]; then
    if [[ $REPLICA_REQUIRED == true ]]; then fail "$name" "NEWSAPI_TEST_POSTGRES_REPLICA is not set"
    else skip "$name" "a streaming replica (NEWSAPI_TEST_POSTGRES_REPLICA)"; fi
    return
  fi
  if [[ -z "$REPLICA_DATA" || ! -x "$REPLICA_BIN/pg_ctl" || -z "$REPLICA_OWNER" ]]; then
    fail "$name" "the replica's data directory (${REPLICA_DATA:-unknown}) or pg_ctl (${REPLICA_BIN:-unknown}) is not on this machine"
    return
  fi
  local scans="SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables WHERE relname = 'Articles'"
  local created
  created=$(node tests/cluster/checks.mjs read-key 2>&1) || { fail "$name" "$created"; return; }
  eval "$created"
  # Reads stay on the primary while anyone's write is recent: RecentWriters keeps that in Redis as "recent-writer:*"
  # (the key's creation was one such write).
  local deadline=$((SECONDS + 15)) host=${NEWSAPI_TEST_REDIS%%,*} waited=$(date +%s%N)
  while [[ $(redis-cli -h "${host%%:*}" -p "${host##*:}" EXISTS "${CLUSTER_REDIS_PREFIX}recent-writer:*") != 0 ]]; do
    (( SECONDS < deadline )) || { fail "$name" "a write was still recent after 15 s: reads never left the primary"; return; }
    sleep 0.2
  done
  waited=$(( ($(date +%s%N) - waited) / 1000000 ))
  local before after stopped_ms start
  before=$(replica_psql "$scans" "$DATABASE")
  CLUSTER_LOAD_KEY=$CLUSTER_LOAD_KEY wrk -t2 -c16 -d"${REPLICA_LOAD_SECONDS}s" --timeout 5s -s tests/cluster/load.lua "$CLUSTER_PROXY" \
    >"$WORK/wrk-replica.txt" 2>&1 &
  local wrk_pid=$!
  start=$(date +%s%N)
  sleep "$REPLICA_STOP_AFTER"
  after=$(replica_psql "$scans" "$DATABASE")
  REPLICA_STOPPED=1
  replica_ctl -m immediate -w stop >/dev/null 2>&1 || { fail "$name" "pg_ctl could not stop the replica in $REPLICA_DATA"; wait "$wrk_pid" || true; return; }
  stopped_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  wait "$wrk_pid" || true
  # Started again while the next checks run (they do not need it); the end of the suite waits for it.
  replica_start & REPLICA_STARTING=$!
  wrk_counts "$WORK/wrk-replica.txt"
  echo "cluster: reads with a key through nginx ($waited ms after the last write): $REQUESTS requests in $REPLICA_LOAD_SECONDS s, $NON2XX non-2xx/3xx, $SOCKET socket errors; the replica scanned \"Articles\" $((after - before)) times before it was stopped at $stopped_ms ms"
  if (( REQUESTS == 0 )); then
    fail "$name" "the load made no request: $(cat "$WORK/wrk-replica.txt")"
  elif (( stopped_ms > (REPLICA_LOAD_SECONDS - 1) * 1000 )); then
    fail "$name" "the replica was stopped only $stopped_ms ms into a load of $REPLICA_LOAD_SECONDS s: no time was left to read across the stop"
  elif (( after - before < 100 )); then
    fail "$name" "the replica served only $((after - before)) scans of \"Articles\" before it was stopped: the reads did not go to it"
  elif (( NON2XX > 0 || SOCKET > 0 )); then
    fail "$name" "$NON2XX non-2xx/3xx answers and $SOCKET socket errors out of $REQUESTS requests"
  else
    pass "$name"
  fi
}

# SIGTERM to instance B in the middle of 20 s of reads through nginx: no request fails (nginx retries a GET that
# met a closing connection on A), and B exits, with status 0, within Hosting:UnreadySeconds + DrainSeconds.
check_sigterm_under_load_fails_nothing() {
  local name=sigterm-under-load-fails-no-request
  wrk -t2 -c16 -d"${LOAD_SECONDS}s" --timeout 5s -s tests/cluster/load.lua "$CLUSTER_PROXY" >"$WORK/wrk-drain.txt" 2>&1 &
  local wrk_pid=$! rc=0
  sleep $((LOAD_SECONDS / 3))
  local start; start=$(date +%s%N)
  kill -TERM "$PID_B"
  ( sleep $((UNREADY_SECONDS + DRAIN_SECONDS + 10)); kill -KILL "$PID_B" 2>/dev/null ) & local killer=$!
  wait "$PID_B" || rc=$?
  local took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$killer" 2>/dev/null || true; wait "$killer" 2>/dev/null || true
  PID_B=""
  wait "$wrk_pid" || true
  wrk_counts "$WORK/wrk-drain.txt"
  echo "cluster: load through nginx: $REQUESTS requests in ${LOAD_SECONDS} s, $NON2XX non-2xx/3xx, $SOCKET socket errors; B exited $rc after $took_ms ms"
  if (( REQUESTS == 0 )); then
    fail "$name" "the load made no request: $(cat "$WORK/wrk-drain.txt")"
  elif (( NON2XX > 0 || SOCKET > 0 )); then
    fail "$name" "$NON2XX non-2xx/3xx answers and $SOCKET socket errors out of $REQUESTS requests"
  else
    pass "$name"
  fi
  # Exiting by itself (status 0) within the unready and drain time, not by the kill that follows it.
  if (( rc == 0 && took_ms <= (UNREADY_SECONDS + DRAIN_SECONDS) * 1000 )); then
    pass sigterm-exits-within-drain-seconds
  else
    fail sigterm-exits-within-drain-seconds "exit status $rc after $took_ms ms (Hosting:UnreadySeconds=$UNREADY_SECONDS, DrainSeconds=$DRAIN_SECONDS); log: $(tail -n 20 "$WORK/b.log")"
  fi
}

# The failed-authentication budget first, before any other check spends it.
check_rate_budget_is_global
check_write_visible_across_instances
check_revoked_key_fails_everywhere
check_scheduled_article_runs_once
# Before the lease check, which kills one instance and starts it again.
check_replica_stop_under_load
check_lease_moves_on_kill
check_sigterm_under_load_fails_nothing
(( FAILED == 0 ))
