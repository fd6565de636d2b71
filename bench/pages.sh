#!/usr/bin/env bash
# Pages for people on OGP's real export: requests per second and p99 of each page type (the
# explorer, the explorer searched and filtered, a commitment in French, a member with its charts,
# an action plan, and 75 member pages cycled). Pages are rendered on every request: the answer
# cache keeps /v1 answers only.
# Usage: bench/pages.sh [ogp-export.csv]   (default: the export in ../shared/data/ogp/ beside the repository)
#   DURATION=8 seconds per wrk run, after a warm-up of WARMUP=5 seconds (the JIT tiers up); CONNECTIONS=8
set -euo pipefail
source "$(dirname "$0")/lib.sh"
csv="$(ogp_export "${1:-}")"
duration="${DURATION:-8}"
warmup="${WARMUP:-5}"
connections="${CONNECTIONS:-8}"
threads=$(( connections < 2 ? connections : 2 ))
need_wrk
build_api
db="$tmp/ogp.db"
dotnet "$api" import "$csv" --db "$db" >/dev/null
base=http://127.0.0.1:5321
start_server "$db" 5321

commitment=$(curl -s "$base/v1/commitments?member=united-kingdom&limit=1&fields=id" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
plan=$(curl -s "$base/v1/action-plans?member=united-kingdom&limit=1&fields=id" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
members=$(curl -s "$base/v1/members?limit=1000&fields=id" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | head -n 75 | sed 's/.*/"&",/' | tr -d '\n')
cat >"$tmp/members.lua" <<LUA
local members = { $members }
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", "/members/" .. members[(n % #members) + 1])
end
LUA

run() { # label, wrk arguments...: one line of the table
  local line; line=$(measure "$@") || exit 1
  # shellcheck disable=SC2086
  printf '%-28s %10s %10s %6s\n' $line
}

echo "$(curl -s "$base/v1/commitments?limit=0" | sed -E 's/.*"total":([0-9]+).*/\1/') commitments; wrk ${duration}s, $threads threads, $connections connections;" \
  "commitment $commitment, plan $plan; explorer $(curl -s -o /dev/null -w '%{size_download}' "$base/commitments") bytes"
printf '%-28s %10s %10s %6s\n' case "req/s" "p99 ms" load
run live "$base/health/live"
run explorer "$base/commitments"
run explorer-searched "$base/commitments?q=parliament&status=inactive"
run commitment-fr "$base/commitments/$commitment?lang=fr"
run member "$base/members/united-kingdom"
run action-plan "$base/action-plans/$plan"
run 75-members -s "$tmp/members.lua" "$base"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version)"
