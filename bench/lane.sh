#!/usr/bin/env bash
# The lane of costly work under load, on OGP's real export: 32 clients at once on a search, on
# facets and on the explorer page searched, with the answer cache and the rate limit off. For each
# server of one run: requests per second, p99, and answers that were not 2xx (429s of the lane).
# Servers: the lane as it is (budget and lane on, the defaults), no lane (QueryBudget:Seconds=0),
# with AT_ONCE=<n> the lane running n costly requests at once (QueryBudget:CostlyAtOnce), and, with
# BEFORE=<git ref>, the service as it was at that ref (built from `git archive`).
# Usage: bench/lane.sh [ogp-export.csv]   (default: the export in ../shared/data/ogp/ beside the repository)
#   DURATION=10 seconds per case after SERVED=5 seconds of the same load (the JIT's work done); CONNECTIONS=32
set -euo pipefail
source "$(dirname "$0")/lib.sh"
csv="$(ogp_export "${1:-}")"
duration="${DURATION:-10}"
served="${SERVED:-5}"
connections="${CONNECTIONS:-32}"
need_wrk
build_api
db="$tmp/ogp.db"
dotnet "$api" import "$csv" --db "$db" >/dev/null

cases=(
  "search /v1/commitments?q=parliament"
  "facets /v1/commitments?facets=member,potential_impact,completion&limit=0"
  "page /commitments?q=parliament"
)

# one LABEL PORT: every case against the server on PORT, one line each.
one() {
  local label=$1 port=$2
  for c in "${cases[@]}"; do
    local name=${c%% *} path=${c#* }
    wrk -t2 -c"$connections" -d"${served}s" "http://127.0.0.1:$port$path" >/dev/null 2>&1
    local out; out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency --timeout 10s "http://127.0.0.1:$port$path")
    local rps; rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
    local p99; p99=$(awk '$1=="99%"{print $2}' <<<"$out")
    local all; all=$(awk '/requests in/{print $1}' <<<"$out")
    local bad; bad=$(awk '/Non-2xx/{print $NF}' <<<"$out")
    printf '%-22s %-7s %10s %10s %9s %9s\n' "$label" "$name" "$rps" "$p99" "${bad:-0}" "$all"
  done
}

echo "$(nproc) cores; $connections connections; wrk ${duration}s per case after ${served}s of the same load; answer cache and rate limit off"
printf '%-22s %-7s %10s %10s %9s %9s\n' server case "req/s" p99 "non-2xx" answers
start_server "$db" 5331 --ResponseCache:MaxEntries=0
one "lane (default)" 5331
kill "$server"; wait "$server" 2>/dev/null || true
start_server "$db" 5332 --ResponseCache:MaxEntries=0 --QueryBudget:Seconds=0
one "no lane" 5332
kill "$server"; wait "$server" 2>/dev/null || true
if [ -n "${AT_ONCE:-}" ]; then
  start_server "$db" 5334 --ResponseCache:MaxEntries=0 --QueryBudget:CostlyAtOnce="$AT_ONCE"
  one "lane, $AT_ONCE at once" 5334
  kill "$server"; wait "$server" 2>/dev/null || true
fi

if [ -n "${BEFORE:-}" ]; then
  build_before "$BEFORE"
  now_api=$api
  api=$before_api
  # The same export imported by that version: a database is served only by the schema that built it.
  dotnet "$api" import "$csv" --db "$tmp/before.db" >/dev/null
  start_server "$tmp/before.db" 5333 --ResponseCache:MaxEntries=0
  one "at $BEFORE" 5333
  kill "$server"; wait "$server" 2>/dev/null || true
  api=$now_api
fi
