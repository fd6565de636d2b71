#!/usr/bin/env bash
# Bounded cost: while 8 clients loop on the costliest search of a large database (a common word
# with a narrow filter), how fast does one commitment by id still answer? Measured in one run on
# two servers of the same Release build: the default query budget (2 s, costly requests one at a
# time) and none (QueryBudget:Seconds=0, as before).
# Usage: bench/budget.sh [db-path]   (default: the 1,000,000-commitment database of bench/queries.sh, built if missing)
#   DURATION=20 seconds of measurement per server
set -euo pipefail
source "$(dirname "$0")/lib.sh"
db="${1:-${TMPDIR:-/tmp}/opengov-bench-1000000.db}"
duration="${DURATION:-20}"
need_wrk
build_api
dotnet build "$root/bench/OpenGov.Bench" -c Release -v quiet -nologo >/dev/null
[ -f "$db" ] || dotnet "$root/bench/OpenGov.Bench/bin/Release/net10.0/OpenGov.Bench.dll" generate-db "$db" 1000000

costly="/v1/commitments?limit=50&q=open&member=member-042"
cheap="/v1/commitments/SY0000123"
measure() { # label, port, settings...
  local label=$1 port=$2; shift 2
  start_server "$db" "$port" --ResponseCache:MaxEntries=0 "$@"
  local base="http://127.0.0.1:$port"
  local alone; alone=$(wrk -t1 -c2 -d5s --latency "$base$cheap" | awk '$1=="99%"{print $2}')
  # 8 clients on the costly search, and 2 on the cheap record, at the same time.
  wrk -t2 -c8 -d"$((duration + 4))s" --timeout 30s "$base$costly" >"$tmp/costly-$port.txt" 2>&1 &
  local load=$!
  sleep 2
  local out; out=$(wrk -t1 -c2 -d"${duration}s" --latency --timeout 30s "$base$cheap")
  wait "$load"
  local statuses; statuses=$(curl -s -o /dev/null -w '%{http_code}' "$base$costly")
  printf '%-22s alone p99 %-9s | under load: %8s req/s, p50 %-9s p99 %-9s | costly: %s req/s, %s non-2xx; one more now: %s\n' "$label" "$alone" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '$1=="50%"{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")" \
    "$(awk '/Requests\/sec/{print $2}' "$tmp/costly-$port.txt")" "$(awk '/Non-2xx/{print $NF}' "$tmp/costly-$port.txt")" "$statuses"
  kill "$server"; wait "$server" 2>/dev/null || true
}
echo "database: $db; $(nproc) cores; cheap: GET $cheap; costly: GET $costly (8 connections)"
measure "budget (default)" 5321
measure "no budget" 5322 --QueryBudget:Seconds=0
