# Shared by the benchmark scripts (sourced, not run): a temporary folder removed at exit with the
# servers started, wrk from Debian where missing, a Release build of the service, a server on a
# database started and waited for, and OGP's real export beside the repository.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

need_wrk() { command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }

# Builds the service (Release) and sets $api to its binary.
build_api() {
  dotnet build "$root/OpenGov.Api" -c Release -v quiet -nologo >/dev/null
  api="$root/OpenGov.Api/bin/Release/net10.0/OpenGov.Api.dll"
}

# build_before REF: the service and bench tool at git ref REF, from `git archive` into $tmp/before
# (Release), their binaries in $before_api and $before_bench. A database is read only by the
# schema that built it, so a server at REF serves a database built by REF's own binaries.
build_before() {
  mkdir -p "$tmp/before"
  git -C "$root" archive "$1" | tar -x -C "$tmp/before"
  dotnet build "$tmp/before/OpenGov.Api" -c Release -v quiet -nologo >/dev/null
  before_api="$tmp/before/OpenGov.Api/bin/Release/net10.0/OpenGov.Api.dll"
  before_bench="$tmp/before/bench/OpenGov.Bench/bin/Release/net10.0/OpenGov.Bench.dll"
}

# The export given as the first argument, else the one in ../shared/data/ogp/ beside the repository.
ogp_export() {
  local csv="${1:-$(ls "$root"/../shared/data/ogp/*.csv 2>/dev/null | head -n 1)}"
  [ -f "$csv" ] || { echo "no OGP export: give its path" >&2; exit 1; }
  echo "$csv"
}

# start_server DB PORT [settings...]: a server on 127.0.0.1:PORT (rate limit off, warnings only),
# waited for; its pid in $server, its log in $tmp/server-PORT.log.
start_server() {
  local db=$1 port=$2; shift 2
  dotnet "$api" --db "$db" --urls "http://127.0.0.1:$port" --RateLimit:Enabled=false --Logging:LogLevel:Default=Warning "$@" \
    >"$tmp/server-$port.log" 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return; sleep 0.2; done
  echo "server on port $port did not start" >&2; cat "$tmp/server-$port.log" >&2; exit 1
}

# measure LABEL [wrk arguments...]: wrk with $threads threads (default 2) and $connections
# connections, a warm-up of $warmup seconds (default 2) then $duration seconds with latencies;
# prints "label req/s p99-in-ms load" and stops the script where any answer was not 2xx.
measure() {
  local label=$1; shift
  local t="${threads:-2}"
  wrk -t"$t" -c"$connections" -d"${warmup:-2}s" "$@" >/dev/null 2>&1
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local out; out=$(wrk -t"$t" -c"$connections" -d"${duration}s" --latency "$@")
  local rps; rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  local p99; p99=$(awk '$1=="99%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  local bad; bad=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  [ -z "$bad" ] || { echo "$label: $bad answers were not 2xx" >&2; exit 1; }
  echo "$label $rps $p99 $load"
}
