#!/usr/bin/env bash
# Costly pages on a large database: the explorer searched (`/commitments?q=open`, a search with six
# facets) alone, then six at once while one client asks for a commitment by id in a loop. Each
# page must end within its time budget (2 s) plus 0.5 s alone and within 4 s six at once, and the
# record must stay under 50 ms. With BEFORE=<git ref>, the service at that ref is measured too, on
# a database of the same size that its own bench tool builds (minutes: a schema is read only by its own code).
# Usage: bench/costly-pages.sh [db-path]   (default: the 1,000,000-commitment database of bench/queries.sh, built if missing)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
db="${1:-${TMPDIR:-/tmp}/opengov-bench-1000000.db}"
build_api
if [ ! -f "$db" ]; then
  dotnet build "$root/bench/OpenGov.Bench" -c Release -v quiet -nologo >/dev/null
  dotnet "$root/bench/OpenGov.Bench/bin/Release/net10.0/OpenGov.Bench.dll" generate-db "$db" 1000000
fi
page="/commitments?q=open"
record="/v1/commitments/SY0000123"

# run LABEL PORT: one line alone, one line of six at once with the record's slowest answer.
run() {
  local label=$1 base="http://127.0.0.1:$2"
  # Warm: the server's code compiled and the file's pages read once.
  for _ in 1 2; do curl -s -o /dev/null "$base$page&lang=fr"; curl -s -o /dev/null "$base$record"; done
  local alone=()
  for _ in 1 2 3; do alone+=("$(curl -s -o /dev/null -w '%{http_code}:%{time_total}' "$base$page")"); done
  # The record in a loop (its slowest answer) while six pages run at once.
  touch "$tmp/pages-running"
  ( end=$((SECONDS + 60)); worst=0
    while [ -f "$tmp/pages-running" ] && [ $SECONDS -lt $end ]; do
      t=$(curl -s -o /dev/null -w '%{time_total}' "$base$record")
      worst=$(awk -v a="$worst" -v b="$t" 'BEGIN{print (b>a)?b:a}')
    done; echo "$worst" >"$tmp/record-worst" ) &
  local loop=$!
  local six=()
  for i in 1 2 3 4 5 6; do
    curl -s -o /dev/null -w '%{http_code}:%{time_total}\n' "$base$page&lang=$([ $((i % 2)) = 0 ] && echo en || echo fr)&status=$([ $i -le 3 ] && echo active || echo inactive)" >"$tmp/page-$i" &
    six+=($!)
  done
  wait "${six[@]}"
  rm -f "$tmp/pages-running"; wait "$loop"
  printf '%-16s alone (status:s): %s | six at once: %s | record worst %s s\n' "$label" "${alone[*]}" \
    "$(cat "$tmp"/page-? | tr '\n' ' ')" "$(cat "$tmp/record-worst")"
}

echo "database: $db; $(nproc) cores; page: GET $page (a search with six facets); record: GET $record"
start_server "$db" 5351 --ResponseCache:MaxEntries=0
run "now" 5351
kill "$server"; wait "$server" 2>/dev/null || true

if [ -n "${BEFORE:-}" ]; then
  build_before "$BEFORE"
  api=$before_api
  dotnet build "$tmp/before/bench/OpenGov.Bench" -c Release -v quiet -nologo >/dev/null
  dotnet "$before_bench" generate-db "$tmp/before.db" 1000000 >/dev/null
  start_server "$tmp/before.db" 5352 --ResponseCache:MaxEntries=0
  run "at $BEFORE" 5352
  kill "$server"; wait "$server" 2>/dev/null || true
fi
