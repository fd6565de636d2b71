#!/usr/bin/env bash
# HTTP benchmark: requests per second against /health/live of the same server as the baseline
# (the cached list also with Accept-Encoding br and gzip, as browsers send it), and the throughput
# and memory of a CSV of every commitment. Distinct queries (never answered from the answer cache)
# run twice: on a cold server, and on a second server after a warm-up of other distinct queries.
# Usage: bench/http.sh [commitments]        (default 100000; a synthetic database of that size is built)
#   HTTP_BENCH_DB=path      serve this database instead of building one
#   HTTP_BENCH_CSV_DB=path  stream the CSV from this database (e.g. one of 1,000,000 commitments); default the same
#   DURATION=10             seconds per wrk run; CONNECTIONS=32
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-100000}"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-32}"
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
dotnet build "$root/OpenGov.Api" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/bench/OpenGov.Bench" -c Release -v quiet -nologo >/dev/null
api="$root/OpenGov.Api/bin/Release/net10.0/OpenGov.Api.dll"
db="${HTTP_BENCH_DB:-}"
if [ -z "$db" ]; then
  db="$tmp/bench.db"
  echo "building a synthetic database of $count commitments..."
  dotnet "$root/bench/OpenGov.Bench/bin/Release/net10.0/OpenGov.Bench.dll" generate-db "$db" "$count" >/dev/null
fi
csvdb="${HTTP_BENCH_CSV_DB:-$db}"

start() { # db, port, [settings...]: starts a server, leaves its pid in $server
  local file=$1 at=$2; shift 2
  dotnet "$api" --db "$file" --urls "http://127.0.0.1:$at" --RateLimit:Enabled=false --Logging:LogLevel:Default=Warning "$@" >"$tmp/server-$at.log" 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$at/health/ready" >/dev/null && return; sleep 0.2; done
  echo "server on $file did not start" >&2; cat "$tmp/server-$at.log" >&2; exit 1
}

port=5190
start "$db" $port
base="http://127.0.0.1:$port"
total=$(curl -s "$base/v1/commitments?limit=0" | sed -E 's/.*"total":([0-9]+).*/\1/')
etag=$(curl -s -D - -o /dev/null "$base/v1/commitments?limit=50" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
[ -n "$etag" ] || { echo "no ETag on the list answer" >&2; exit 1; }
bytes50=$(curl -s -o /dev/null -w '%{size_download}' "$base/v1/commitments?limit=50")
bytes50br=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br' "$base/v1/commitments?limit=50")
members=$(curl -s "$base/v1/members?limit=1000&fields=id" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | sed 's/.*/"&",/' | tr -d '\n')

# Distinct queries: a member's commitments with a page size never asked before for that member
# (threads take alternate numbers), so none is answered from the cache.
cat >"$tmp/distinct.lua" <<LUA
local members = { $members }
local threads = 0
local offset = tonumber(os.getenv("DISTINCT_FROM") or "0")
function setup(thread) thread:set("id", threads); threads = threads + 1 end
local n = 0
function request()
  n = n + 1
  local k = n * 2 + id + offset
  local m = members[(k % #members) + 1]
  local r = math.floor(k / #members)
  local status = ({ "", "&status=active", "&status=inactive" })[(r % 3) + 1]
  local lang = ({ "en", "fr", "es" })[(math.floor(r / 3) % 3) + 1]
  return wrk.format("GET", "/v1/commitments?member=" .. m .. status .. "&lang=" .. lang .. "&limit=" .. (10 + math.floor(r / 9) % 50))
end
LUA

run() { # label, wrk arguments...: prints "label rps p99"
  local label=$1; shift
  # Warm-up; not for the distinct queries, whose measured run would ask the warm-up's URLs again
  # and get them from the answer cache (the list cases before it have warmed that path up).
  [[ "$label" == distinct* ]] || wrk -t2 -c"$connections" -d2s "$@" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@")
  local rps; rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  local p99; p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  local non2xx; non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  echo "$label $rps $p99 ${non2xx:-0}"
}

echo "database: $total commitments; wrk ${duration}s, 2 threads, $connections connections; /v1/commitments?limit=50 is $bytes50 bytes ($bytes50br with br)"
results=()
results+=("$(run baseline "$base/health/live")")
results+=("$(run list "$base/v1/commitments?limit=50")")
# As a browser dashboard asks: with Accept-Encoding, answered from the cache in the coding asked for.
results+=("$(run list-br -H "Accept-Encoding: br" "$base/v1/commitments?limit=50")")
results+=("$(run list-gzip -H "Accept-Encoding: gzip" "$base/v1/commitments?limit=50")")
results+=("$(run revalidation -H "If-None-Match: $etag" "$base/v1/commitments?limit=50")")
results+=("$(run distinct -s "$tmp/distinct.lua" "$base")")
# The same distinct queries on a server that has been answering others for a while: the first
# run above is a cold server's first seconds (its code compiled as it goes, no record rendered
# yet). This one has its answer cache off, so that a query asked twice is made twice, and a
# 15-second warm-up of queries from further along the same sequence: .NET's compilation of the
# hot methods (quick, then with counters, then optimised) lasts 15 to 20 s of load on two cores
# (bench/tierup.sh), and a shorter warm-up measured part of it (with 5 s, the distinct queries
# on 1,000,000 commitments gave 13% of /health/live).
port=5192
start "$db" $port --ResponseCache:MaxEntries=0
warm="http://127.0.0.1:$port"
DISTINCT_FROM=1000000 wrk -t2 -c"$connections" -d15s -s "$tmp/distinct.lua" "$warm" >/dev/null 2>&1
results+=("$(run baseline-2 "$warm/health/live")")
results+=("$(run distinct-warm -s "$tmp/distinct.lua" "$warm")")
baseline=$(awk '{print $2}' <<<"${results[0]}")
baseline2=$(awk '{print $2}' <<<"${results[6]}")
printf '%-14s %12s %10s %8s %12s\n' case "req/s" "p99" "ratio" "non-2xx"
for r in "${results[@]}"; do
  read -r label rps p99 bad <<<"$r"
  [ "$label" = baseline-2 ] && baseline=$baseline2  # the second server's cases against its own /health/live
  printf '%-14s %12s %10s %7.0f%% %12s\n' "$label" "$rps" "$p99" "$(echo "100 * $rps / $baseline" | bc -l)" "$bad"
done

# CSV of every commitment, on a fresh server, with its memory before and after.
port=5191
start "$csvdb" $port
rss() { awk "/^$1:/{print \$2}" "/proc/$server/status"; }
curl -s -o /dev/null "http://127.0.0.1:$port/v1/commitments?limit=1"
before=$(rss VmRSS)
read -r bytes seconds < <(curl -s -o /dev/null -w '%{size_download} %{time_total}\n' "http://127.0.0.1:$port/v1/commitments?format=csv&limit=all")
after=$(rss VmRSS); peak=$(rss VmHWM)
rows=$(curl -s "http://127.0.0.1:$port/v1/commitments?limit=0" | sed -E 's/.*"total":([0-9]+).*/\1/')
echo "CSV of $rows commitments: $bytes bytes in $seconds s = $(echo "$bytes / $seconds / 1000000" | bc -l | xargs printf '%.1f') MB/s"
echo "server RSS: before $((before / 1024)) MiB, after $((after / 1024)) MiB (growth $(((after - before) / 1024)) MiB), peak $((peak / 1024)) MiB"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
