#!/usr/bin/env bash
# Registration benchmark: the published site (one core) takes registrations through its public form from wrk (the
# other core), each with a new address, for an event of SEATS seats (default 100). Reports registrations/s and
# latency at 16 connections and at one, then checks the event in the database: exactly SEATS confirmed, everyone
# else waitlisted, and as many registrations as the form answered with a redirect (none lost).
# Usage: bench/registration/run.sh [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
provider=${1:-sqlite}
duration=${DURATION:-20}
seats=${SEATS:-100}
port=5078
work="$root/bench/results/registration-$provider"
rm -rf "$work"; mkdir -p "$work"
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }

# NO_PUBLISH=1 runs what was published last (profiling the same build again, say).
[ -n "${NO_PUBLISH:-}" ] || dotnet publish src/Haven.Web -c Release -o "$root/bench/results/publish" -nologo -v quiet
haven=(dotnet "$root/bench/results/publish/haven.dll")
export Haven__DataPath="$work/data" Haven__LoadDemoContent=false Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
export Haven__RateLimits__RegistrationsPerMinute=1000000000 Haven__Bench__Plaintext=true

pg_cleanup() { :; }
count_sql() { /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$work/data/haven.db" "$1"; }
if [ "$provider" = postgres ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pgdir="$work/pg"
  mkdir -p "$pgdir"; chown postgres:postgres "$pgdir"
  su postgres -c "$pgbin/initdb -D $pgdir/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$pgbin/pg_ctl -D $pgdir/data -l $pgdir/pg.log -w start -o \"-c listen_addresses=127.0.0.1 -p 55498 -k $pgdir\"" >/dev/null
  pg_cleanup() { su postgres -c "$pgbin/pg_ctl -D $pgdir/data -m fast stop" >/dev/null 2>&1 || true; }
  trap pg_cleanup EXIT
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=55498;Username=postgres;Database=haven_bench;Maximum Pool Size=64"
  "${haven[@]}" migrate >/dev/null
  # (the query goes in on stdin: its quotes would not survive su -c)
  count_sql() { echo "$1" | su postgres -c "psql -h $pgdir -p 55498 -d haven_bench -tAq"; }
fi

warmup=$("${haven[@]}" generate --event --seats "$seats" | tail -n 1)
sleep 0.01
measured=$("${haven[@]}" generate --event --seats "$seats" | tail -n 1)

taskset -c 0 "${haven[@]}" --urls "http://127.0.0.1:$port" --contentRoot "$root/bench/results/publish" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; pg_cleanup' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

# One GET for the antiforgery cookie and the form's token; both stay valid for every post of the run.
page=$(curl -sf -c "$work/cookies" "http://127.0.0.1:$port/events/$measured")
token=$(echo "$page" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
[ -n "$token" ] || { echo "No registration form on /events/$measured" >&2; exit 1; }
# (curl marks HttpOnly cookies with a "#HttpOnly_" prefix on an otherwise ordinary line)
export COOKIE=$(sed 's/^#HttpOnly_//' "$work/cookies" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}')
export BODY="Form.Name=Bench+Registrant&Form.Email=bench-%s%%40example.org&Form.Organization=&Form.Language=en&__RequestVerificationToken=$token"

cpu_ms() { # the server's CPU time so far (user and system), in milliseconds
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$server/stat"
}
run() { # event connections seconds label: wrk's output, then the server's CPU milliseconds over the row
  local before after
  before=$(cpu_ms)
  FORM_PATH="/events/$1?handler=Register" RUN="$4" taskset -c 1 wrk -t1 -c"$2" -d"$3s" --latency -s bench/registration/register.lua "http://127.0.0.1:$port"
  # The dispatcher may still be writing the row's letters: its CPU counts too, so wait (at most 15 s) until the
  # server is idle (under 20 ms of CPU in half a second).
  local i last now
  last=$(cpu_ms)
  for i in $(seq 1 30); do sleep 0.5; now=$(cpu_ms); [ $((now - last)) -lt 20 ] && break; last=$now; done
  after=$(cpu_ms)
  echo "server-cpu-ms=$((after - before))"
}
plain() { # connections seconds: the plaintext endpoint of the same server, the yardstick for the ratio
  taskset -c 1 wrk -t1 -c"$1" -d"$2s" --latency "http://127.0.0.1:$port/_bench/plaintext"
}
row() { # label output [plaintext output]
  local rps p50 p99 counts ratio="" cpu per=""
  rps=$(echo "$2" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(echo "$2" | awk '$1=="50%" {print $2}')
  p99=$(echo "$2" | awk '$1=="99%" {print $2}')
  counts=$(echo "$2" | grep -o 'registered=[0-9]* other=[0-9]*' || true)
  cpu=$(echo "$2" | grep -o 'server-cpu-ms=[0-9]*' | cut -d= -f2 || true)
  # CPU per registration: what the server spent (all threads, the dispatcher's letters included) over the
  # registrations answered; unlike requests/s it barely moves when other work shares the core.
  per=$(echo "$2" | awk -v c="${cpu:-0}" '/registered=/ {split($1, a, "="); if (a[2] > 0) printf "%.2f ms", c / a[2]}')
  if [ -n "${3:-}" ]; then
    ratio=$(echo "$3" | awk -v r="$rps" '/Requests\/sec/ {printf "%.4f (plaintext %.0f/s)", r / $2, $2}')
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$ratio" "$per" "$counts"
}

# Warm-up on another event: JIT, connection pools, the outbox dispatcher (mail goes to data/mail as .eml files).
# Then on until the JIT is done: on one shared core its tiering (tier 0, instrumented, optimized: some 40,000
# compilations) went on for minutes, and a profile after a 60 s warm-up still found the tiering thread with 30% of
# the server's CPU. Rounds of 10 s until one spends under 100 ms compiling (at most WARMUP seconds, default 300).
jit_ms() { curl -sf "http://127.0.0.1:$port/_bench/jit" | awk '{print $2}'; }
run "$warmup" 16 10 warm > /dev/null
for _ in $(seq 1 $(( ${WARMUP:-300} / 10 ))); do
  before=$(jit_ms)
  run "$warmup" 16 10 warm > /dev/null
  after=$(jit_ms)
  echo "warm-up: ${before} ms compiling so far, $((after - before)) ms in the last round" >&2
  [ $((after - before)) -lt 100 ] && break
done
plain 16 3 > /dev/null
echo
echo "$provider: registrations through the public form, server on 1 core, wrk on the other, ${duration}s per row"
echo
echo "| connections | registrations/s | p50 | p99 | ratio to plaintext | server CPU per registration | responses |"
echo "|---|---:|---:|---:|---|---:|---|"
plain16=$(plain 16 "$duration")
out16=$(run "$measured" 16 "$duration" c16); row 16 "$out16" "$plain16"
plain1=$(plain 1 "$duration")
out1=$(run "$measured" 1 "$duration" c1); row 1 "$out1" "$plain1"
answered=$(( $(echo "$out16" | grep -o 'registered=[0-9]*' | cut -d= -f2) + $(echo "$out1" | grep -o 'registered=[0-9]*' | cut -d= -f2) ))

id=$(count_sql "SELECT \"Id\" FROM \"Events\" WHERE \"Slug\" = '$measured'")
confirmed=$(count_sql "SELECT COUNT(*) FROM \"Registrations\" WHERE \"EventId\" = $id AND \"Status\" = 1")
waitlisted=$(count_sql "SELECT COUNT(*) FROM \"Registrations\" WHERE \"EventId\" = $id AND \"Status\" = 2")
total=$(count_sql "SELECT COUNT(*) FROM \"Registrations\" WHERE \"EventId\" = $id")
mail=$(count_sql "SELECT COUNT(*) FROM \"Outbox\" WHERE \"Subject\" LIKE '%Benchmark webinar%'")
rss=$(ps -o rss= -p $server | awk '{printf "%.0f", $1/1024}')
echo
echo "event $measured: $total registrations ($answered redirects seen by wrk), $confirmed confirmed of $seats seats, $waitlisted waitlisted"
echo "letters queued for both events: $mail; server resident set: ${rss} MB"
# wrk stops counting with requests still in flight (at most one per connection, 17 in all): those registrations are
# in the database without wrk having seen their redirect.
if [ "$confirmed" -ne "$seats" ] || [ "$total" -lt "$answered" ] || [ "$total" -gt $((answered + 17)) ] || [ $((confirmed + waitlisted)) -ne "$total" ]; then
  echo "FAILED: seats overbooked or registrations lost" >&2; exit 1
fi
