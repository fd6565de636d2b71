#!/usr/bin/env bash
# The contract fuzzer at length: requests generated from the served OpenAPI document (every
# operation, valid, boundary and hostile values, odd headers and methods) against the service on
# the sample data, with a new seed each run unless one is given. Prints each distinct failure,
# shrunk to the smallest request that still fails, and the seed that reproduces it.
# Usage: bench/fuzz.sh [requests] [seed]     (default 100000, a random seed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-100000}"
seed="${2:-$(( (RANDOM << 15) | RANDOM ))}"
echo "fuzzing with $count requests, seed $seed (rerun: bench/fuzz.sh $count $seed)"
cd "$root"
OPENGOV_FUZZ_COUNT="$count" OPENGOV_FUZZ_SEED="$seed" dotnet test OpenGov.Tests --filter "FullyQualifiedName~Hostile.FuzzTests" \
  --logger "console;verbosity=detailed" --results-directory "$(mktemp -d)" 2>&1 \
  | sed -n '/requests from seed/p; /Error Message/,/Stack Trace/p' | grep -v "Stack Trace"
