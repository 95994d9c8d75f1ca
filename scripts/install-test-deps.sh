#!/usr/bin/env bash
# Installs what the tests need when it is missing: PostgreSQL, Chromium (Debian's, never a downloaded build)
# and an SMTP server (aiosmtpd), Redis and nginx (the scale-out tests' cluster). Needs root (or sudo) on Debian; prints what to install otherwise. Also ical.js
# (npm, into scripts/ics-check), the independent parser the calendar tests read Haven's .ics files with, and
# rss-parser (npm, into scripts/feed-check), which the feed tests read Haven's Atom feeds with, and Adobe's
# structured-data validator (npm, into scripts/jsonld-check), which checks the pages' schema.org JSON-LD, and
# Stoplight's Spectral (npm, into scripts/openapi-check), which lints the API's OpenAPI document.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# npm_check FOLDER PACKAGE WHAT: installs one of the npm check scripts from its lock file when it is missing.
npm_check() {
  [ -d "$here/$1/node_modules/$2" ] && return 0
  if command -v npm >/dev/null; then
    npm ci --prefix "$here/$1" --no-audit --no-fund --silent || echo "$2 not installed: the $3 test that uses it is skipped" >&2
  else
    echo "npm not found: the $3 test that uses $2 is skipped" >&2
  fi
}
npm_check ics-check ical.js calendar
npm_check feed-check rss-parser feed
npm_check jsonld-check @adobe/structured-data-validator structured-data
npm_check openapi-check @stoplight/spectral-cli OpenAPI

missing=()
ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# The scale-out tests' cluster (deploy/local-cluster.sh): Redis and nginx in front of two instances.
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing test dependencies: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Please install as root: apt-get install -y ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
