#!/usr/bin/env bash
# Soak: mixed traffic (lists, searches, facets, CSV, revalidations answered 304) against a Release
# build on OGP's real export, for MINUTES minutes (20 by default), one wrk minute at a time; after
# each minute the server's memory (RSS), requests per second, p50, p99 and errors. Ends with the
# verdicts: memory at the end within 10% of minute 2, no errors, p99 flat (the slowest minute's p99
# within twice the median minute's).
# Usage: bench/soak.sh [ogp-export.csv]     MINUTES=20 CONNECTIONS=16
set -euo pipefail
source "$(dirname "$0")/lib.sh"
csv="$(ogp_export "${1:-}")"
minutes="${MINUTES:-20}"
connections="${CONNECTIONS:-16}"
need_wrk
build_api
dotnet "$api" import "$csv" --db "$tmp/ogp.db" >/dev/null
port=5331
base="http://127.0.0.1:$port"
start_server "$tmp/ogp.db" $port

members=$(curl -s "$base/v1/members?limit=1000&fields=id" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | sed 's/.*/"&",/' | tr -d '\n')
etag=$(curl -s -D - -o /dev/null "$base/v1/commitments?limit=50" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
cat >"$tmp/mix.lua" <<LUA
local members = { $members }
local words = { "parliament", "open", "data", "budget", "transparency", "health", "education", "gouvernement", "justice", "women", "procurement", "access" }
local facets = { "member", "status", "policy_area", "completion", "potential_impact", "starred" }
local langs = { "en", "fr", "es" }
math.randomseed(os.time())
local function pick(t) return t[math.random(#t)] end
function request()
  local r = math.random(100)
  local lang = pick(langs)
  if r <= 35 then
    return wrk.format("GET", "/v1/commitments?member=" .. pick(members) .. "&limit=" .. math.random(10, 60) .. "&lang=" .. lang)
  elseif r <= 50 then
    return wrk.format("GET", "/v1/commitments?q=" .. pick(words) .. "&limit=20&lang=" .. lang)
  elseif r <= 60 then
    return wrk.format("GET", "/v1/commitments?limit=0&facets=" .. pick(facets) .. "," .. pick(facets) .. "&status=" .. pick({"active", "inactive"}))
  elseif r <= 67 then
    return wrk.format("GET", "/v1/commitments?format=csv&limit=all&member=" .. pick(members))
  elseif r <= 80 then
    return wrk.format("GET", "/v1/commitments?limit=50", { ["If-None-Match"] = '$etag' })
  elseif r <= 90 then
    return wrk.format("GET", "/v1/milestones?limit=" .. math.random(10, 100) .. "&lang=" .. lang)
  else
    return wrk.format("GET", "/v1/irm-ratings?member=" .. pick(members) .. "&stage=end_of_term")
  end
end
LUA

ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.1f", v}' <<<"$1"; }
echo "soak: $minutes minutes of mixed traffic, $connections connections, on $(basename "$csv"); $(nproc) cores"
printf '%6s %10s %9s %9s %8s %9s\n' minute "req/s" "p50 ms" "p99 ms" errors "RSS MiB"
rows=()
for m in $(seq 1 "$minutes"); do
  out=$(wrk -t2 -c"$connections" -d60s --latency --timeout 10s -s "$tmp/mix.lua" "$base")
  if ! kill -0 "$server" 2>/dev/null; then
    echo "the server died during minute $m; the end of its log:" >&2; tail -n 60 "$tmp/server-$port.log" >&2; exit 1
  fi
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(ms "$(awk '$1=="50%"{print $2}' <<<"$out")")
  p99=$(ms "$(awk '$1=="99%"{print $2}' <<<"$out")")
  errors=$(awk '/Non-2xx/{n+=$NF} /Socket errors/{gsub(",",""); n+=$4+$6+$8+$10} END{print n+0}' <<<"$out")
  rss=$(( $(awk '/^VmRSS:/{print $2}' "/proc/$server/status") / 1024 ))
  printf '%6s %10s %9s %9s %8s %9s\n' "$m" "$rps" "$p50" "$p99" "$errors" "$rss"
  rows+=("$m $rps $p50 $p99 $errors $rss")
done
median=$(printf '%s\n' "${rows[@]}" | awk '{print $4}' | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
worst=$(printf '%s\n' "${rows[@]}" | awk '{print $4}' | sort -n | tail -n1)
printf '%s\n' "${rows[@]}" | awk -v minutes="$minutes" -v median="$median" -v worst="$worst" '
  { rss[$1]=$6; errors+=$5 }
  END {
    base = (minutes >= 2) ? rss[2] : rss[1]; last = rss[minutes];
    printf "memory: %d MiB after minute 2, %d MiB at the end (%+.1f%%): %s\n", base, last, 100 * (last - base) / base, (last <= base * 1.1 ? "within 10%" : "GREW more than 10%");
    printf "errors: %d: %s\n", errors, (errors == 0 ? "none" : "SOME");
    printf "p99: median minute %.1f ms, slowest minute %.1f ms: %s\n", median, worst, (worst <= 2 * median ? "flat" : "NOT flat");
  }'
