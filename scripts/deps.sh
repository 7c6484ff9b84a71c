#!/usr/bin/env bash
# Installs the machine-level parts the server, the tests and the benchmarks use, if missing:
# PostgreSQL 15 with PostGIS 3, Redis (benchmark peer), Debian's Chromium (browser tests, PDF reports), and npm (the
# server's build installs the web console's browser libraries with `npm ci`) unless a Node.js with npm is already there.
set -euo pipefail
want=(postgresql postgresql-15-postgis-3 redis-server chromium)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
