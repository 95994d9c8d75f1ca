#!/usr/bin/env bash
# Installs what the tests need when it is missing: PostgreSQL, Chromium (Debian's, never a downloaded build)
# and an SMTP server (aiosmtpd). Needs root (or sudo) on Debian; prints what to install otherwise. Also ical.js
# (npm, into scripts/ics-check), the independent parser the calendar tests read Haven's .ics files with, and
# rss-parser (npm, into scripts/feed-check), which the feed tests read Haven's Atom feeds with.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/ics-check/node_modules/ical.js" ]; then
  if command -v npm >/dev/null; then
    npm ci --prefix "$here/ics-check" --no-audit --no-fund --silent || echo "ical.js not installed: the calendar test that uses it is skipped" >&2
  else
    echo "npm not found: the calendar test that reads .ics files with ical.js is skipped" >&2
  fi
fi
if [ ! -d "$here/feed-check/node_modules/rss-parser" ]; then
  if command -v npm >/dev/null; then
    npm ci --prefix "$here/feed-check" --no-audit --no-fund --silent || echo "rss-parser not installed: the feed test that uses it is skipped" >&2
  else
    echo "npm not found: the feed test that reads Atom feeds with rss-parser is skipped" >&2
  fi
fi

missing=()
ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
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
