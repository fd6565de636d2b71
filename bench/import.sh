#!/usr/bin/env bash
# Import benchmark: OGP's real export (558 rows) and a synthetic file 100 times larger.
# Usage: bench/import.sh [path/to/export.csv]   (default: $OPENGOV_OGP_CSV, else ../shared/data/ogp/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
csv="${1:-${OPENGOV_OGP_CSV:-$root/../shared/data/ogp/ogp-commitments-open-parliament-2024-07.csv}}"
[ -f "$csv" ] || { echo "no export at $csv (give its path, or set OPENGOV_OGP_CSV)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

dotnet build "$root/OpenGov.Api" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/bench/OpenGov.Bench" -c Release -v quiet -nologo >/dev/null
api="$root/OpenGov.Api/bin/Release/net10.0/OpenGov.Api.dll"
dotnet "$root/bench/OpenGov.Bench/bin/Release/net10.0/OpenGov.Bench.dll" generate-csv "$csv" "$tmp/x100.csv" 100

run() { # label, file
  echo "== $1: $(du -h "$2" | cut -f1) =="
  if [ -x /usr/bin/time ]; then
    # CPU time (user + sys) as well as wall time: on a shared machine it varies far less.
    /usr/bin/time -f "wall %e s, CPU %U s user + %S s sys, max RSS %M KB" dotnet "$api" import "$2" --db "$tmp/$1.db" | grep -E "rows read|commitments|Elapsed"
  else
    start=$(date +%s.%N); dotnet "$api" import "$2" --db "$tmp/$1.db" | grep -E "rows read|commitments|Elapsed"
    echo "wall $(echo "$(date +%s.%N) - $start" | bc) s"
  fi
}
run real "$csv"
run x100 "$tmp/x100.csv"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), dotnet $(dotnet --version)"
