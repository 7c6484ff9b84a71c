#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL 15 server with PostGIS on loopback for the test suite
# and the benchmarks. Usage: scripts/postgres.sh start DIR PORT | stop DIR
# Prints the Npgsql connection string on stdout after `start`.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data directory}
bin=/usr/lib/postgresql/15/bin
run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=${3:?port}
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    run "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
    run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB -c max_connections=200" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
    ;;
  stop)
    [ -d "$dir/data" ] && run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
esac
