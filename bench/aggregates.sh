#!/usr/bin/env bash
# Aggregates for dashboards (/v1/commitments/aggregate) under load, with the answer cache off so that
# every request counts its groups: on OGP's real export, the table of a dashboard (member and plan,
# completion and potential impact) with 32 connections; on 1,000,000 synthetic commitments, the whole
# set by member (read from the counts the database is built with), two fields with a measure and a
# filter, and a search grouped, whose answer must be within the budget or a 400 saying how to narrow.
# Prints per case: requests per second, p99 in ms, answers not 2xx, and the load average before it.
# Usage: bench/aggregates.sh [ogp-export.csv] [db-path]
#   (defaults: the export in ../shared/data/ogp/ beside the repository; the 1,000,000-commitment
#   database of bench/queries.sh, built if missing or of another schema)
#   DURATION=10 seconds per case after WARMUP=3 seconds of the same load; CONNECTIONS=32 (real export), LARGE_CONNECTIONS=4
set -euo pipefail
source "$(dirname "$0")/lib.sh"
csv="$(ogp_export "${1:-}")"
large="${2:-${TMPDIR:-/tmp}/opengov-bench-1000000.db}"
duration="${DURATION:-10}"
warmup="${WARMUP:-3}"
need_wrk
build_api
dotnet build "$root/bench/OpenGov.Bench" -c Release -v quiet -nologo >/dev/null
bench_tool="$root/bench/OpenGov.Bench/bin/Release/net10.0/OpenGov.Bench.dll"

# A database is read only by the schema that built it: one of another version is built again.
schema=$(grep -oP 'SchemaVersion = \K\d+' "$root/OpenGov.Data/DatabaseFile.cs")
if [ ! -f "$large" ] || [ "$(sqlite3 "$large" "SELECT value FROM dataset_meta WHERE key = 'schema_version'" 2>/dev/null)" != "$schema" ]; then
  rm -f "$large"
  dotnet "$bench_tool" generate-db "$large" 1000000 >/dev/null
fi
real="$tmp/ogp.db"
dotnet "$api" import "$csv" --db "$real" >/dev/null

# A port no other server listens on (the machine may run several benchmarks at once).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# run LABEL PORT PATH CONNECTIONS: one case, one line; a case whose answers are not all 2xx still prints (its count says so).
run() {
  local label=$1 port=$2 path=$3 c=$4
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  wrk -t2 -c"$c" -d"${warmup}s" "http://127.0.0.1:$port$path" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c"$c" -d"${duration}s" --latency --timeout 10s "http://127.0.0.1:$port$path")
  local rps; rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  local p99; p99=$(awk '$1=="99%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  local bad; bad=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  printf '%-34s %4s %10s %10s %8s %6s\n' "$label" "$c" "$rps" "$p99" "${bad:-0}" "$load"
}

echo "$(nproc) cores; wrk ${duration}s per case after ${warmup}s of the same load; answer cache and rate limit off"
printf '%-34s %4s %10s %10s %8s %6s\n' case conn "req/s" "p99 ms" "non-2xx" load
port=$(free_port)
start_server "$real" "$port" --ResponseCache:MaxEntries=0
run "real: member,action_plan x2 measures" "$port" "/v1/commitments/aggregate?group_by=member,action_plan&measure=completion,potential_impact&limit=1000" "${CONNECTIONS:-32}"
kill "$server"; wait "$server" 2>/dev/null || true

lc="${LARGE_CONNECTIONS:-4}"
port=$(free_port)
start_server "$large" "$port" --ResponseCache:MaxEntries=0
run "1M: member, whole set" "$port" "/v1/commitments/aggregate?group_by=member&limit=1000" "$lc"
run "1M: member,status x completion, filter" "$port" "/v1/commitments/aggregate?group_by=member,status&measure=completion&region=europe&limit=1000" "$lc"
# A search grouped: within the budget, or a 400 that says how to narrow (counted as non-2xx above; shown here).
search="/v1/commitments/aggregate?group_by=member&measure=completion&q=open&limit=1000"
run "1M: q=open by member x completion" "$port" "$search" "$lc"
status=$(curl -s -o "$tmp/search.json" -w '%{http_code}' "http://127.0.0.1:$port$search")
echo "one request of the search alone: HTTP $status $(head -c 400 "$tmp/search.json" | tr -d '\n' | sed 's/"data":\[.*//')"
kill "$server"; wait "$server" 2>/dev/null || true
