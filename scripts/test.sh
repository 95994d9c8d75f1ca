#!/usr/bin/env bash
# Runs every test of Haven: installs what tests need, starts a throwaway PostgreSQL server, builds, runs all test
# projects (unit, HTTP on SQLite and PostgreSQL, search, browser) and ends with "N passed, N failed, N skipped"
# counted from the TRX reports. Exits non-zero if anything failed or nothing ran.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

scripts/install-test-deps.sh

# --- A throwaway PostgreSQL cluster on a free port, removed on exit. ---
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdir"
cleanup() {
  as_postgres "$pgbin/pg_ctl -D $pgdir/data -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
as_postgres "$pgbin/initdb -D $pgdir/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_postgres "$pgbin/pg_ctl -D $pgdir/data -l $pgdir/pg.log -w start -o \"-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c fsync=off -c max_connections=300\"" >/dev/null
export HAVEN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "PostgreSQL test server on port $port"

# --- Build once, then run every test project. ---
dotnet build Haven.slnx -c Release -warnaserror -nologo -v quiet
status=0
dotnet test --solution Haven.slnx -c Release --no-build --report-trx --results-directory "$results" || status=$?

# --- Count from the TRX reports, not from console text. ---
passed=0; failed=0; skipped=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); x=$(get timeout); n=$(get notExecuted)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${x:-0})); skipped=$((skipped + ${n:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
