#!/usr/bin/env bash
# Policy map page benchmark: the whole /policies page (layout, the as-of query, the SVG of 3,142 counties and the
# table) for one area of the demo installation, over HTTP. The published site (SQLite, demo content, the Census
# places imported at start-up) runs on core 0 and wrk on core 1, with 16 connections and then one. Reports req/s,
# p50/p99 and the response's size raw, as served with Accept-Encoding: gzip, and compressed by gzip -9 for
# comparison. Usage: bench/policies/run.sh [area-slug]   (default ice-detainers; DURATION=seconds a row)
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
export Haven__DataPath="$work/data" Haven__LoadDemoContent=true Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
taskset -c 0 dotnet "$root/bench/results/publish/haven.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/bench/results/publish" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

url="http://127.0.0.1:$port/policies?area=$area&level=counties"
curl -sf -o "$work/page.html" "$url" || { echo "No map for area $area" >&2; exit 1; }
regions=$(grep -oE '<a href="/jurisdictions/[0-9]+" aria-label' "$work/page.html" | wc -l)
shaded=$(grep -o '<path class="m-c' "$work/page.html" | wc -l)
raw=$(wc -c < "$work/page.html")
served=$(curl -sf -H 'Accept-Encoding: gzip' -D "$work/headers" -o "$work/page.served" "$url" && wc -c < "$work/page.served")
encoding=$(awk -F': *' 'tolower($1)=="content-encoding" {print $2}' "$work/headers" | tr -d '\r')
gz=$(gzip -9 -c "$work/page.html" | wc -c)
gz1=$(gzip -1 -c "$work/page.html" | wc -c)

run() { # connections seconds
  taskset -c 1 wrk -t1 -c"$1" -d"$2s" --latency -H 'Accept-Encoding: gzip' "$url"
}
row() { # label output
  local rps p50 p99
  rps=$(echo "$2" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50=$(echo "$2" | awk '$1=="50%" {print $2}')
  p99=$(echo "$2" | awk '$1=="99%" {print $2}')
  printf '| %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99"
}

run 16 15 > /dev/null   # warm-up: JIT, the atlas, the connection pool
echo
echo "/policies?area=$area&level=counties: $regions regions drawn, $shaded with a record; server on 1 core, wrk on the other, ${duration}s a row"
echo
echo "| connections | req/s | p50 | p99 |"
echo "|---|---:|---:|---:|"
row 16 "$(run 16 "$duration")"
row 1 "$(run 1 "$duration")"
echo
echo "response: $raw bytes raw; served with Accept-Encoding: gzip: $served bytes (Content-Encoding: ${encoding:-none});"
echo "gzip -9 of the page: $gz bytes, gzip -1: $gz1 bytes"
rss=$(ps -o rss= -p $server | awk '{printf "%.0f", $1/1024}')
echo "server resident set: ${rss} MB"
