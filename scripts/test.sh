#!/usr/bin/env bash
# The whole test suite: installs what it needs, starts a real PostgreSQL, runs every test project
# against real parts (SQLite files, Kestrel on loopback, sockets, headless Chromium) and ends with
# one line "N passed, N failed[, N skipped]" totalled from the test results.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh || { echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d /tmp/deconflict-test.XXXXXX)
chmod 755 "$work"
pgport=$((20000 + RANDOM % 20000))
trap 'bash scripts/postgres.sh stop "$work/pg"; rm -rf "$work"' EXIT
DECONFLICT_TEST_PG=$(bash scripts/postgres.sh start "$work/pg" "$pgport") || { echo "postgres did not start" >&2; cat "$work/pg/log" >&2; echo "0 passed, 1 failed"; exit 1; }
export DECONFLICT_TEST_PG
export DECONFLICT_CHROMIUM=${DECONFLICT_CHROMIUM:-/usr/bin/chromium}

results="$root/artifacts/test-results"
rm -rf "$results"
dotnet build Deconflict.slnx -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
dotnet test Deconflict.slnx -c Release --no-build -nologo --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  total=$(get total); executed=$(get executed)
  skipped=$((skipped + total - executed))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit $status
