#!/usr/bin/env bash
# Uncached list pages on OGP's real export: records rendered once per data version (the current
# path) against the same pages with the answer cache on, and against records assembled on every
# request (RenderedRecords:MaxBytes=0, the path before), all in one run on one database.
# Usage: bench/rendered.sh [ogp-export.csv]   (default: the export in ../shared/data/ogp/ beside the repository)
#   DURATION=8 seconds per wrk run (after a 2 s warm-up); CONNECTIONS=32
#   SERVED=5 seconds of each case on each server before any is measured (0: measure servers just started)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
csv="$(ogp_export "${1:-}")"
duration="${DURATION:-8}"
connections="${CONNECTIONS:-32}"
need_wrk
build_api
db="$tmp/ogp.db"
dotnet "$api" import "$csv" --db "$db" >/dev/null
rendered=http://127.0.0.1:5311    # answer cache off, records rendered once
cached=http://127.0.0.1:5312      # answer cache on (the same URL asked again is answered from it)
assembled=http://127.0.0.1:5313   # answer cache off, every record assembled on every request
# The query budget and its lane for searches are off (QueryBudget:Seconds=0): with them, 32
# connections searching at once would measure the lane (one search at a time, 16 waiting, the
# rest 429), not the making of pages.
start_server "$db" 5311 --QueryBudget:Seconds=0 --ResponseCache:MaxEntries=0
start_server "$db" 5312 --QueryBudget:Seconds=0
start_server "$db" 5313 --QueryBudget:Seconds=0 --ResponseCache:MaxEntries=0 --RenderedRecords:MaxBytes=0

members=$(curl -s "$rendered/v1/members?limit=1000&fields=id" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | head -n 75 | sed 's/.*/"&",/' | tr -d '\n')
cat >"$tmp/members.lua" <<LUA
local members = { $members }
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", "/v1/commitments?member=" .. members[(n % #members) + 1] .. "&limit=50")
end
LUA

run() { measure "$@"; }

full="/v1/commitments?limit=50"
narrow="/v1/commitments?limit=50&fields=id,title,member,action_plan,status,start_date,end_date,irm_summary"
filtered="/v1/commitments?limit=50&potential_impact=transformative"
search="/v1/commitments?q=parliament&limit=50"
echo "$(curl -s "$rendered/v1/commitments?limit=0" | sed -E 's/.*"total":([0-9]+).*/\1/') commitments; wrk ${duration}s, 2 threads, $connections connections, after ${SERVED:-5}s of every case on every server;" \
  "full page $(curl -s -o /dev/null -w '%{size_download}' "$rendered$full") bytes, narrow $(curl -s -o /dev/null -w '%{size_download}' "$rendered$narrow") bytes"
# Before measuring, each server answers every case for $SERVED seconds, as a node that has been
# serving for a while: .NET compiles a method three times as it gets hot (quickly, then with
# counters, then optimised from what they saw), and on two cores that takes 15 to 20 s of load;
# a case measured in its server's first seconds measures the compiler (bench/tierup.sh shows it).
served="${SERVED:-5}"
if [ "$served" != 0 ]; then
  for node in "$rendered" "$cached" "$assembled"; do
    for case in full narrow filtered search; do
      wrk -t2 -c"$connections" -d"${served}s" "$node${!case}" >/dev/null 2>&1
    done
    wrk -t2 -c"$connections" -d"${served}s" -s "$tmp/members.lua" "$node" >/dev/null 2>&1
  done
fi
results=()
results+=("$(run live "$rendered/health/live")")
for case in full narrow filtered search; do
  url="${!case}"
  results+=("$(run "$case-rendered" "$rendered$url")")
  results+=("$(run "$case-cached" "$cached$url")")
  results+=("$(run "$case-assembled" "$assembled$url")")
done
results+=("$(run members-rendered -s "$tmp/members.lua" "$rendered")")
results+=("$(run members-assembled -s "$tmp/members.lua" "$assembled")")

declare -A rps p99
printf '%-20s %10s %10s %6s\n' case "req/s" "p99 ms" load
for r in "${results[@]}"; do
  read -r label x y load <<<"$r"
  rps[$label]=$x; p99[$label]=$y
  printf '%-20s %10s %10s %6s\n' "$label" "$x" "$y" "$load"
done
ratio() { echo "100 * $1 / $2" | bc -l | xargs printf '%.0f%%'; }
echo
echo "uncached (rendered) as a share of the same URL cached, and of /health/live; targets in brackets:"
echo "  full page      $(ratio "${rps[full-rendered]}" "${rps[full-cached]}")   [50%]"
echo "  narrow page    $(ratio "${rps[narrow-rendered]}" "${rps[narrow-cached]}")   [50%]"
echo "  filtered page  $(ratio "${rps[filtered-rendered]}" "${rps[filtered-cached]}")"
echo "  search         $(ratio "${rps[search-rendered]}" "${rps[search-cached]}")   [25%]"
echo "  75 members     $(ratio "${rps[members-rendered]}" "${rps[live]}") of /health/live   [10%]"
echo "  narrow / full  $(echo "${rps[narrow-rendered]} / ${rps[full-rendered]}" | bc -l | xargs printf '%.1f')x   [3x]"
echo "  rendered / assembled: full $(echo "${rps[full-rendered]} / ${rps[full-assembled]}" | bc -l | xargs printf '%.1f')x," \
  "narrow $(echo "${rps[narrow-rendered]} / ${rps[narrow-assembled]}" | bc -l | xargs printf '%.1f')x," \
  "search $(echo "${rps[search-rendered]} / ${rps[search-assembled]}" | bc -l | xargs printf '%.1f')x," \
  "members $(echo "${rps[members-rendered]} / ${rps[members-assembled]}" | bc -l | xargs printf '%.1f')x"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version)"
