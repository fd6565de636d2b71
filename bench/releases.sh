#!/usr/bin/env bash
# Release benchmark: what publishing a second release of a synthetic dataset costs against the
# first (a build with no release before it, as an import was before releases), the disk two
# releases take, and the latency of /v1/changes pages and record histories on the second.
# Usage: bench/releases.sh [commitments]   (default 1000000: two builds of several minutes each)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
count="${1:-1000000}"
port=5097
requests=200

build_api
dotnet build "$root/bench/OpenGov.Bench" -c Release -v quiet -nologo >/dev/null
bench() { dotnet "$root/bench/OpenGov.Bench/bin/Release/net10.0/OpenGov.Bench.dll" "$@"; }
db="$tmp/synthetic.db"

echo "## $count synthetic commitments, $(nproc) cores"
start=$(date +%s.%N); bench generate-db "$db" "$count"; first_s=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N); bench generate-db "$db" "$count" --revised; second_s=$(echo "$(date +%s.%N) - $start" | bc)
printf 'first release (no release before it): %.1f s; second release (1%% of commitments revised, changes worked out): %.1f s; ratio %.2f\n' \
    "$first_s" "$second_s" "$(echo "$second_s / $first_s" | bc -l)"
# du counts a file with two names (the database path and its release file) once: the disk really used.
echo "disk: $(du -sh --apparent-size "$db".releases/*.db | tr '\n' ' ')"
echo "disk of the database and both releases, as stored: $(du -sh "$db" "$db".releases | awk '{print $1}' | paste -sd+) ($(du -shc "$db" "$db".releases | tail -n1 | cut -f1) in all)"

start_server "$db" "$port" --ResponseCache:MaxEntries=0
base="http://127.0.0.1:$port"
first="synthetic-$count-1"  # the first release's id: its data version
# A cursor five pages in (5,000 changes in on 1,000,000 commitments): a page deep in the list.
step=$(( count / 1000 < 1000 ? count / 1000 : 1000 ))
deep=""
for _ in 1 2 3 4 5; do
  deep=$(curl -s "$base/v1/changes?since=$first&limit=$step&fields=id${deep:+&cursor=$deep}" | grep -o '"next_cursor":"[^"]*"' | cut -d'"' -f4 || true)
done
echo "### sequential requests, answer cache off"
# The revised commitments are every 100th (SY0000099, SY0000199...); with 150 members they belong to
# members 49, 99 and 149: member-049 has changes, SY0000100 has none (its history is its addition).
bench latency "$base" "$requests" \
    "/v1/releases" \
    "/v1/changes?since=$first&limit=50" \
    "/v1/changes?since=$first&limit=50&cursor=$deep" \
    "/v1/changes?since=$first&limit=50&member=member-049" \
    "/v1/changes?limit=50&collection=commitments&change=changed" \
    "/v1/changes?since=$first&limit=50&format=atom" \
    "/v1/commitments/SY0000099/history" \
    "/v1/commitments/SY0000100/history" \
    "/v1/commitments?limit=50&release=$first"
