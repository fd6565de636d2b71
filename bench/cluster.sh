#!/usr/bin/env bash
# Cache tier benchmark: a repeated list page and 75 distinct member pages, straight to one node and
# through nginx in front of two nodes (deploy/local-cluster.sh), in one run, with wrk.
# Usage: bench/cluster.sh [seconds per case]   (default 8)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
seconds="${1:-8}"
need_wrk
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }
build_api
export OPENGOV_API="$api" OPENGOV_CLUSTER_DIR="$tmp/cluster" OPENGOV_CLUSTER_PORT=5190
export OPENGOV_NODE_ARGS="--RateLimit:Enabled=false"
trap 'bash "$root/deploy/local-cluster.sh" down >/dev/null 2>&1 || true; cleanup' EXIT
front=$(bash "$root/deploy/local-cluster.sh" up 2)
node="http://127.0.0.1:5191"

# 75 member pages, each its own URL: wrk cycles through them (a Lua script of paths).
ids=$(curl -s "$node/v1/members?limit=75&fields=id" | grep -o '"id":"[^"]*"' | cut -d'"' -f4)
{
  echo 'local paths = {}'
  for id in $ids; do echo "table.insert(paths, \"/v1/members/$id\")"; done
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} >"$tmp/members.lua"

run() { # run LABEL URL [wrk args]
  local label=$1 url=$2; shift 2
  # As browsers and HTTP libraries ask: a compressed answer (the node and nginx keep it compressed).
  local out; out=$(wrk -t2 -c32 -d"${seconds}s" --latency -H "Accept-Encoding: gzip, deflate, br" "$@" "$url" 2>&1)
  printf '| %s | %s | %s |\n' "$label" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
echo "## $(nproc) cores, wrk -t2 -c32 -d${seconds}s, rate limit off, two nodes behind nginx"
echo "| request | req/s | p99 |"
echo "|---|---:|---:|"
run "one node, repeated page (its answer cache)" "$node/v1/commitments?limit=50"
run "nginx, repeated page (nginx's cache)" "$front/v1/commitments?limit=50"
run "one node, 75 member pages" "$node" -s "$tmp/members.lua"
run "nginx, 75 member pages" "$front" -s "$tmp/members.lua"
echo
echo "cache status of the repeated page through nginx, asked as wrk asked it: $(curl -s -D - -o /dev/null -H "Accept:" -H "Accept-Encoding: gzip, deflate, br" "$front/v1/commitments?limit=50" | awk -F': ' 'tolower($1)=="x-cache-status" {print $2}' | tr -d '\r')"
echo "its size: $(curl -s -H "Accept-Encoding: gzip, deflate, br" "$front/v1/commitments?limit=50" | wc -c) bytes (Brotli), $(curl -s "$front/v1/commitments?limit=50" | wc -c) bytes uncompressed"
