#!/usr/bin/env bash
# A whole Haven cluster on loopback, for trying scale-out and for the scale-out tests: a throwaway PostgreSQL
# cluster, Redis, two Haven instances (each with its own data folder for its search index, sharing the database,
# Redis and one files folder) and nginx in front, round-robin, with the reverse-proxy headers.
#
#   deploy/local-cluster.sh start       installs what is missing (Debian), builds Haven unless HAVEN_DLL is given,
#                                       starts everything and writes the addresses to $HAVEN_CLUSTER_DIR/cluster.env
#   deploy/local-cluster.sh stop        stops everything and removes the folder
#   deploy/local-cluster.sh kill a|b    kills one instance at once (SIGKILL), as a crash would
#   deploy/local-cluster.sh restart a|b starts a killed instance again
#
# Environment: HAVEN_CLUSTER_DIR (default /tmp/haven-cluster), HAVEN_DLL (a built or published haven.dll),
# HAVEN_SMTP_PORT (plain SMTP on 127.0.0.1; the pickup folder otherwise), HAVEN_DEMO=1 (load the demo content).
# Any Haven__* or ConnectionStrings__* variable already set is passed to both instances.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
dir="${HAVEN_CLUSTER_DIR:-/tmp/haven-cluster}"
command="${1:-}"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local missing=()
  [ -n "$(pgbin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else echo "Please install as root: apt-get install -y ${missing[*]}" >&2; exit 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

instance_env() { # NAME PORT: the environment of one instance
  cat <<ENV
ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=haven;Maximum Pool Size=60
ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT
Haven__DataPath=$dir/$1
Haven__FilesPath=$dir/files
Haven__TrustedProxies=127.0.0.1
Haven__LoadDemoContent=${HAVEN_DEMO:-false}
Haven__MigrateOnStart=false
Site__PublicUrl=http://127.0.0.1:$NGINX_PORT
Urls=http://127.0.0.1:$2
ASPNETCORE_ENVIRONMENT=Production
ENV
  if [ -n "${HAVEN_SMTP_PORT:-}" ]; then
    cat <<ENV
Haven__Mail__Smtp__Host=127.0.0.1
Haven__Mail__Smtp__Port=$HAVEN_SMTP_PORT
Haven__Mail__Smtp__Security=None
ENV
  fi
}

export_instance_env() { # NAME PORT: exports one instance's environment into this shell
  local line
  # The caller's own Haven__*/ConnectionStrings__* settings, kept at start so a restarted instance gets them too.
  if [ -f "$dir/passthrough.env" ]; then
    while IFS= read -r line; do export "$line"; done <"$dir/passthrough.env"
  fi
  while IFS= read -r line; do export "$line"; done < <(instance_env "$1" "$2")
}

start_instance() { # NAME
  local name="$1" port
  port=$([ "$name" = a ] && echo "$A_PORT" || echo "$B_PORT")
  mkdir -p "$dir/$name"
  (
    export_instance_env "$name" "$port"
    cd "$dir/$name"
    # A build's output has no wwwroot (a published folder has): serve the static files from the source then.
    local content=()
    [ -d "$(dirname "$HAVEN_DLL")/wwwroot" ] || content=(--contentRoot "$root/src/Haven.Web")
    nohup dotnet "$HAVEN_DLL" "${content[@]}" >"$dir/$name.log" 2>&1 &
    echo $! >"$dir/$name.pid"
  )
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    if ! kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then echo "Instance $name died; see $dir/$name.log" >&2; tail -n 30 "$dir/$name.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "Instance $name did not answer /healthz; see $dir/$name.log" >&2; exit 1
}

start() {
  if [ -f "$dir/cluster.env" ]; then echo "Already running ($dir/cluster.env); stop it first." >&2; exit 1; fi
  install_missing
  if [ -z "${HAVEN_DLL:-}" ]; then
    dotnet build "$root/src/Haven.Web/Haven.Web.csproj" -c Release -nologo -v quiet >/dev/null
    HAVEN_DLL="$root/src/Haven.Web/bin/Release/net10.0/haven.dll"
  fi
  mkdir -p "$dir/files"
  PG_PORT=$(free_port); REDIS_PORT=$(free_port); A_PORT=$(free_port); B_PORT=$(free_port); NGINX_PORT=$(free_port)

  # PostgreSQL: a throwaway cluster, fsync off (nothing here is worth keeping).
  mkdir -p "$dir/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir/pg"
  as_postgres "$(pgbin)/initdb -D $dir/pg/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  as_postgres "$(pgbin)/pg_ctl -D $dir/pg/data -l $dir/pg/pg.log -w start -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir/pg -c fsync=off -c max_connections=200\"" >/dev/null
  as_postgres "$(pgbin)/createdb -h 127.0.0.1 -p $PG_PORT -U postgres haven"

  # Redis: no persistence.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"

  env | grep -E '^(Haven__|ConnectionStrings__)' >"$dir/passthrough.env" || true
  cat >"$dir/cluster.env" <<ENV
PG_PORT=$PG_PORT
REDIS_PORT=$REDIS_PORT
A_PORT=$A_PORT
B_PORT=$B_PORT
NGINX_PORT=$NGINX_PORT
HAVEN_DLL=$HAVEN_DLL
HAVEN_SMTP_PORT=${HAVEN_SMTP_PORT:-}
HAVEN_DEMO=${HAVEN_DEMO:-false}
ENV

  # The schema once per deployment, before any instance starts (instances never migrate on PostgreSQL).
  ( export_instance_env a "$A_PORT"; mkdir -p "$dir/a"; cd "$dir/a"; dotnet "$HAVEN_DLL" migrate >"$dir/migrate.log" 2>&1 )
  start_instance a
  start_instance b

  # nginx in front: round-robin, the proxy headers Haven trusts from 127.0.0.1, and which instance answered.
  mkdir -p "$dir/nginx"
  cat >"$dir/nginx/nginx.conf" <<CONF
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  client_max_body_size 60m;
  upstream haven {
    server 127.0.0.1:$A_PORT max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$B_PORT max_fails=1 fail_timeout=5s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://haven;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A POST is never retried on the other instance (nginx's default): it may have been carried out already.
      proxy_next_upstream error timeout;
      add_header X-Haven-Upstream \$upstream_addr always;
    }
  }
}
CONF
  /usr/sbin/nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" 2>>"$dir/nginx/error.log"
  echo "Haven cluster: http://127.0.0.1:$NGINX_PORT (instances on $A_PORT and $B_PORT; PostgreSQL $PG_PORT, Redis $REDIS_PORT; files in $dir)"
}

stop() {
  [ -d "$dir" ] || return 0
  [ -f "$dir/nginx/nginx.pid" ] && kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
  for name in a b; do [ -f "$dir/$name.pid" ] && kill "$(cat "$dir/$name.pid")" 2>/dev/null || true; done
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  [ -d "$dir/pg/data" ] && as_postgres "$(pgbin)/pg_ctl -D $dir/pg/data -m immediate stop" >/dev/null 2>&1 || true
  sleep 0.5
  rm -rf "$dir"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  kill) kill -9 "$(cat "$dir/${2:?a or b}.pid")" ;;
  restart)
    set -a; . "$dir/cluster.env"; set +a
    start_instance "${2:?a or b}" ;;
  *) echo "Usage: $0 start|stop|kill a|b|restart a|b" >&2; exit 2 ;;
esac
