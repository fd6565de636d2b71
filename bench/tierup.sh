#!/usr/bin/env bash
# A server's first seconds: one case's req/s and p99 in consecutive windows from the moment the
# server is ready, then /health/live. .NET compiles each method quickly at first, then again with
# counters, then optimised from what the counters saw, on a background thread; under load on two
# cores that lasts 15 to 20 s, and the other benchmarks measure after it (see BENCHMARKS.md).
# Usage: bench/tierup.sh [path] [database]
#   path      default /v1/commitments?q=parliament&limit=50
#   database  default OGP's real export (../shared/data/ogp/) imported into a temp folder
#   WINDOWS=12 windows of WINDOW=3 seconds; CONNECTIONS=32; RUNTIME="DOTNET_TieredPGO=0 ..."
#   sets .NET settings for the server (to compare compilation settings)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
path="${1:-/v1/commitments?q=parliament&limit=50}"
windows="${WINDOWS:-12}"
window="${WINDOW:-3}"
connections="${CONNECTIONS:-32}"
need_wrk
build_api
db="${2:-}"
if [ -z "$db" ]; then
  db="$tmp/ogp.db"
  dotnet "$api" import "$(ogp_export "")" --db "$db" >/dev/null
fi
# Only the server gets RUNTIME's settings (the import above ran without them).
# shellcheck disable=SC2086
[ -z "${RUNTIME:-}" ] || export $RUNTIME
# The answer cache off: every request makes its answer.
start_server "$db" 5321 --QueryBudget:Seconds=0 --ResponseCache:MaxEntries=0
echo "$path, answer cache off, wrk -t2 -c$connections, ${window} s windows from the server's start${RUNTIME:+ ($RUNTIME)}"
printf '%-8s %10s %10s %6s\n' seconds "req/s" "p99" load
for i in $(seq 1 "$windows"); do
  out=$(wrk -t2 -c"$connections" -d"${window}s" --latency "http://127.0.0.1:5321$path")
  printf '%-8s %10s %10s %6s\n' "$(( (i - 1) * window ))-$(( i * window ))" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "/health/live then: $(wrk -t2 -c"$connections" -d5s "http://127.0.0.1:5321/health/live" | awk '/Requests\/sec/{print $2}') req/s"
