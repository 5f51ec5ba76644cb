# Shared by tests/cluster/run.sh and bench/cluster.sh: API instances started as processes from a build output, and
# nginx in front of them with the site of deploy/nginx.conf pointed at them. Source it; it defines functions only.

# --- the settings every instance of one cluster shares: their names in one place ------------------------------------
# Redis for the shared state: output cache, request budgets, job leases.
SETTING_REDIS=ConnectionStrings__Redis
SETTING_REDIS_PREFIX=OutputCache__RedisInstanceName
SETTING_DRAIN=Hosting__DrainSeconds
SETTING_UNREADY=Hosting__UnreadySeconds
SETTING_PROXY=ForwardedHeaders__KnownProxies__0
SETTING_MIGRATE=Database__MigrateOnStartup
SETTING_PROVIDER=Database__Provider
SETTING_PRIMARY=ConnectionStrings__News
SETTING_REPLICA=ConnectionStrings__NewsReplica
SETTING_LEASE=Jobs__LeaseSeconds
SETTING_ADMIN_KEY=Auth__BootstrapAdminKey

cluster_free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
cluster_new_key() { echo "nk_$(python3 -c 'import secrets;print(secrets.token_urlsafe(32))')"; }

# cluster_start_instance <api dir> <port> <log> [NAME=value...]: starts `dotnet NewsApi.dll` in the background with
# the cluster's environment (CLUSTER_ENV, an array of NAME=value) and the extra settings; sets INSTANCE_PID.
cluster_start_instance() {
  local dir=$1 port=$2 log=$3; shift 3
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
      Logging__LogLevel__Default=Warning "${CLUSTER_ENV[@]}" "$@" dotnet NewsApi.dll) >"$log" 2>&1 &
  INSTANCE_PID=$!
}

# cluster_wait_ready <base url> <pid> <log> [seconds]: until /health/ready answers 200; prints the log if it never does.
cluster_wait_ready() {
  local base=$1 pid=$2 log=$3 seconds=${4:-90}
  local deadline=$((SECONDS + seconds))
  while (( SECONDS < deadline )); do
    curl -sf -o /dev/null --max-time 2 "$base/health/ready" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.3
  done
  echo "cluster: $base did not become ready; its log:" >&2
  tail -n 40 "$log" >&2 || true
  return 1
}

# cluster_nginx <dir> <listen port> <upstream port>...: writes <dir>/nginx.conf, a main configuration around
# deploy/nginx.conf whose upstream names the given loopback ports, checks it (nginx -t) and starts nginx in the
# foreground in the background; sets NGINX_PID. CLUSTER_NGINX_HTTP adds directives to the http block (a log_format),
# CLUSTER_NGINX_ACCESS_LOG names the access log (off by default), CLUSTER_NGINX_WORKERS the worker processes.
cluster_nginx() {
  local dir=$1 listen=$2; shift 2
  local site="$dir/site.conf" ports="$*"
  mkdir -p "$dir"
  # The one "server api:8080 …;" line becomes one line per instance, with the same parameters; the listen port moves.
  awk -v ports="$ports" '
    /^[[:space:]]*server api:8080/ {
      n = split(ports, p, " ")
      for (i = 1; i <= n; i++) { line = $0; sub(/api:8080/, "127.0.0.1:" p[i], line); print line }
      next
    }
    { print }' "$CLUSTER_ROOT/deploy/nginx.conf" | sed "s/^\([[:space:]]*\)listen 80;/\1listen 127.0.0.1:$listen;/" >"$site"
  grep -q "127.0.0.1:$listen" "$site" || { echo "cluster: deploy/nginx.conf has no 'listen 80;' to move" >&2; return 1; }
  local user=""
  [[ $EUID == 0 ]] && user="user root;"
  cat >"$dir/nginx.conf" <<CONF
$user
worker_processes ${CLUSTER_NGINX_WORKERS:-auto};
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    ${CLUSTER_NGINX_HTTP:-}
    access_log ${CLUSTER_NGINX_ACCESS_LOG:-off};
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    include $site;
}
CONF
  nginx -t -q -c "$dir/nginx.conf" -g 'daemon off;' || { echo "cluster: nginx refused the configuration" >&2; return 1; }
  nginx -c "$dir/nginx.conf" -g 'daemon off;' >"$dir/nginx.out" 2>&1 &
  NGINX_PID=$!
  local deadline=$((SECONDS + 20))
  while (( SECONDS < deadline )); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$listen/" && return 0
    sleep 0.2
  done
  echo "cluster: nginx did not start" >&2; cat "$dir/error.log" "$dir/nginx.out" >&2 2>/dev/null || true
  return 1
}

cluster_install() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "cluster: installing $2" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
}
