#!/usr/bin/env bash
# Policy map page benchmark: the whole /policies page (layout, the as-of query, the SVG of 3,142 counties and the
# table) for one area of the demo installation, over HTTP. The published site (SQLite, demo content, the Census
# places imported at start-up) runs on core 0 and wrk on core 1, with 16 connections and then one. Each row is also
# reported as a ratio to the same server's /_bench/plaintext measured in the same run (as bench/load/run.sh does).
# Rows: the map as most readers ask for it (one address, so the page cache answers after the first view), and the
# map on 1,000 different dates in turn (no two requests alike within a row: the page is drawn every time).
# Reports req/s, p50/p99 and the response's size raw, as served with Accept-Encoding: gzip, and compressed by
# gzip -9 for comparison. Usage: bench/policies/run.sh [area-slug]   (default ice-detainers; DURATION=seconds a row)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
area=${1:-ice-detainers}
duration=${DURATION:-20}
port=5079
work="$root/bench/results/policies"
rm -rf "$work"; mkdir -p "$work"
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }

dotnet publish src/Haven.Web -c Release -o "$root/bench/results/publish" -nologo -v quiet
export Haven__DataPath="$work/data" Haven__LoadDemoContent=true Haven__Bench__Plaintext=true Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
taskset -c 0 dotnet "$root/bench/results/publish/haven.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/bench/results/publish" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

path="/policies?area=$area&level=counties"
url="http://127.0.0.1:$port$path"
curl -sf -o "$work/page.html" "$url" || { echo "No map for area $area" >&2; exit 1; }
regions=$(grep -oE '<a href="/jurisdictions/[0-9]+" aria-label' "$work/page.html" | wc -l)
shaded=$(grep -o '<path class="m-c' "$work/page.html" | wc -l)
raw=$(wc -c < "$work/page.html")
served=$(curl -sf -H 'Accept-Encoding: gzip' -D "$work/headers" -o "$work/page.served" "$url" && wc -c < "$work/page.served")
encoding=$(awk -F': *' 'tolower($1)=="content-encoding" {print $2}' "$work/headers" | tr -d '\r')
gz=$(gzip -9 -c "$work/page.html" | wc -c)
gz1=$(gzip -1 -c "$work/page.html" | wc -c)

# 1,000 dates, one a day back from today: each a different page (the as-of date is in the query string).
for i in $(seq 0 999); do echo "$path&date=$(date -u -d "-$i days" +%F)"; done > "$work/dates.txt"
echo "$path" > "$work/one.txt"
echo /_bench/plaintext > "$work/plaintext.txt"

wrk_run() { # list connections seconds
  URLS="$work/$1.txt" taskset -c 1 wrk -t1 -c"$2" -d"$3s" --latency -H 'Accept-Encoding: gzip' -s bench/load/rotate.lua "http://127.0.0.1:$port"
}
plaintext_rps=0
row() { # label list connections
  local out rps p50 p99 errors ratio
  out=$(wrk_run "$2" "$3" "$duration")
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  [ "$2" = plaintext ] && plaintext_rps=$rps
  ratio=$(awk -v a="$rps" -v b="$plaintext_rps" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$rps" "$ratio" "$p50" "$p99" "${errors:-0}"
}

# Warm-up: JIT, the atlas, the connection pool.
wrk_run plaintext 16 5 > /dev/null
wrk_run one 16 10 > /dev/null
wrk_run dates 16 10 > /dev/null
echo
echo "$path: $regions regions drawn, $shaded with a record; server on 1 core, wrk on the other, ${duration}s a row, Accept-Encoding: gzip"
echo
echo "| page | connections | req/s | ratio to plaintext | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row "plaintext (yardstick)" plaintext 16
row "county map, one address" one 16
row "county map, 1,000 dates in turn" dates 16
row "plaintext, one client (yardstick)" plaintext 1
row "county map, one address, one client" one 1
row "county map, 1,000 dates, one client" dates 1
echo
echo "response: $raw bytes raw; served with Accept-Encoding: gzip: $served bytes (Content-Encoding: ${encoding:-none});"
echo "gzip -9 of the page: $gz bytes, gzip -1: $gz1 bytes"
rss=$(ps -o rss= -p $server | awk '{printf "%.0f", $1/1024}')
echo "server resident set: ${rss} MB"
