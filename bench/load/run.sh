#!/usr/bin/env bash
# Load benchmark: N synthetic resources (default 100,000), the server pinned to one core, wrk on the other with
# 16 connections; then one client, for single-user latency. Usage: bench/load/run.sh [sqlite|postgres] [N]
# ROWS="search-common:1" limits the run to the rows named (list:connections). CALIBRATE=1 adds bare-endpoint rows
# (work-100:16 ... work-500:16): what a page costing that much processor time gets, whatever it does.
# Prints a Markdown table of requests/s and p50/p99 latency per page. Rotating URL lists mean no cache answers
# the same search twice. At the end it prints the server's resident set right after the load, its peak, and the
# resident set after IDLE seconds without requests (default 25; 0 skips the wait).
# PORT (default 5077) and PG_PORT (default 55499) move the server and the throwaway PostgreSQL cluster, so that two
# runs can share a machine. AFTER_LOAD="command" runs a command after the load with SERVER_PID set (for example
# AFTER_LOAD='/tmp/dntools/dotnet-gcdump collect -p $SERVER_PID -o /tmp/after.gcdump').
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
provider=${1:-sqlite}
count=${2:-100000}
duration=${DURATION:-15}
port=${PORT:-5077}
pg_port=${PG_PORT:-55499}
work="$root/bench/results/$provider-$count"
mkdir -p "$work"
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }

dotnet publish src/Haven.Web -c Release -o "$root/bench/results/publish" -nologo -v quiet
haven=(dotnet "$root/bench/results/publish/haven.dll")
export Haven__DataPath="$work/data" Haven__Bench__Plaintext=true Haven__LoadDemoContent=false Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production

pg_cleanup() { :; }
if [ "$provider" = postgres ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pgdir="$work/pg"
  if [ ! -d "$pgdir/data" ]; then
    mkdir -p "$pgdir"; chown postgres:postgres "$pgdir"
    su postgres -c "$pgbin/initdb -D $pgdir/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  su postgres -c "$pgbin/pg_ctl -D $pgdir/data status" >/dev/null 2>&1 ||
    su postgres -c "$pgbin/pg_ctl -D $pgdir/data -l $pgdir/pg.log -w start -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdir\"" >/dev/null
  pg_cleanup() { su postgres -c "$pgbin/pg_ctl -D $pgdir/data -m fast stop" >/dev/null 2>&1 || true; }
  trap pg_cleanup EXIT
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=haven_bench;Maximum Pool Size=64"
  "${haven[@]}" migrate >/dev/null
fi

marker="$work/generated"
if [ ! -f "$marker" ]; then
  echo "Generating $count synthetic resources..."
  start=$(date +%s)
  "${haven[@]}" generate --count "$count" | tail -n 1
  echo "generated in $(( $(date +%s) - start )) s" | tee "$marker"
fi

[ "${GENERATE_ONLY:-}" = 1 ] && exit 0

/usr/bin/python3 bench/load/urls.py "$work" "$count"
echo /_bench/plaintext > "$work/plaintext.txt"
# CALIBRATE=1 adds rows for a bare endpoint that only burns the processor time named and answers 40 KB: the latency
# any page of that cost gets at this concurrency, whatever it does.
calibration=(100 200 300 500)
for us in "${calibration[@]}"; do echo "/_bench/work?us=$us" > "$work/work-$us.txt"; done
taskset -c 0 "${haven[@]}" --urls "http://127.0.0.1:$port" --contentRoot "$root/bench/results/publish" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; pg_cleanup' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

# Warm up: JIT (hot methods reach optimized code after ~10 s of load), the searcher's per-segment caches, the
# database's pages. Measuring earlier reports start-up, not the site.
for list in plaintext index search-tenth search-common search-rare search-faceted topic resource; do
  URLS="$work/$list.txt" taskset -c 1 wrk -t1 -c16 -d5s -s bench/load/rotate.lua "http://127.0.0.1:$port" >/dev/null
done

plaintext_rps=0
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
measure() { # name list connections
  # ROWS="search-common:1 search-faceted:1" runs only those rows (list:connections), to check one change quickly.
  # The plaintext rows always run: every other row is reported as a ratio to the plaintext row at its connections.
  if [ -n "${ROWS:-}" ] && [ "$2" != plaintext ] && [[ " $ROWS " != *" $2:$3 "* ]]; then return; fi
  local out cpu0
  cpu0=$(cpu_ticks)
  out=$(URLS="$work/$2.txt" taskset -c 1 wrk -t1 -c"$3" -d"${duration}s" --latency -s bench/load/rotate.lua "http://127.0.0.1:$port")
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  # The server's CPU time per request (user + system, from /proc): what a request costs, whatever else the machine
  # was doing; req/s falls when other processes take the core, this does not (much).
  local requests cpu_us
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  cpu_us=$(awk -v t="$(( $(cpu_ticks) - cpu0 ))" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { if (n > 0) printf "%.0f", t / hz * 1e6 / n; else print "-" }')
  [ "$2" = plaintext ] && plaintext_rps=$rps
  local ratio
  ratio=$(awk -v a="$rps" -v b="$plaintext_rps" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$rps" "$ratio" "$p50" "$p99" "$cpu_us" "${errors:-0}"
}

echo
echo "$provider, $count resources, server on 1 core, wrk on the other, ${duration}s per row"
echo
echo "| page | connections | req/s | ratio to plaintext | p50 | p99 | server CPU µs/request | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
measure "plaintext (yardstick)" plaintext 16
measure "library index" index 16
measure "topic page" topic 16
measure "resource page" resource 16
measure "search, a word in a tenth (+ facets)" search-tenth 16
measure "search, common word (+ facets)" search-common 16
measure "search, rare word (+ facets)" search-rare 16
measure "faceted search (3 facets)" search-faceted 16
if [ "${CALIBRATE:-}" = 1 ]; then
  for us in "${calibration[@]}"; do
    URLS="$work/work-$us.txt" taskset -c 1 wrk -t1 -c16 -d3s -s bench/load/rotate.lua "http://127.0.0.1:$port" >/dev/null
    measure "bare endpoint, $us µs of work, 40 KB" "work-$us" 16
  done
fi
measure "plaintext, one client (yardstick)" plaintext 1
measure "search, a word in a tenth, one client" search-tenth 1
measure "search, common word, one client" search-common 1
measure "search, rare word, one client" search-rare 1
measure "faceted search, one client" search-faceted 1
# The resident set from /proc: VmRSS now, VmHWM the peak since start, RssAnon the process's own memory (managed
# heap, native allocations, stacks) and RssFile the mapped files (the runtime's and the site's assemblies).
status() { awk -v k="$1:" '$1==k {printf "%.0f", $2/1024}' "/proc/$server/status"; }
echo
echo "server resident set after the load: $(status VmRSS) MB (peak $(status VmHWM) MB; anonymous $(status RssAnon) MB, files $(status RssFile) MB)"
# A quiet server gives memory back (Memory/IdleMemoryTrim: after a period of 10 s without collections that follows a
# busy one), so the figure a few periods later is what an idle site holds between bursts.
idle=${IDLE:-25}
if [ "$idle" -gt 0 ]; then
  sleep "$idle"
  echo "server resident set after ${idle} s idle: $(status VmRSS) MB (anonymous $(status RssAnon) MB, files $(status RssFile) MB)"
fi
if [ -n "${AFTER_LOAD:-}" ]; then SERVER_PID=$server bash -c "$AFTER_LOAD"; fi
