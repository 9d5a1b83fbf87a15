#!/bin/sh
# Build release and run the side-by-side benchmark; extra arguments go to `notegraph-bench run`
# (e.g. --quick, --also 100000, --runs 3, --json bench.json).
set -e
cd "$(dirname "$0")/.."
swift build -c release
exec .build/release/notegraph-bench run "$@"
