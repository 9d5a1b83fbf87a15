#!/usr/bin/env bash
# Quick start, step 1: build the bundled corpus (notes/) into site/, installing system packages if needed.
# Extra arguments go to `notegraph build` (for example --notes DIR --out DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh
swift build -c release --product notegraph
exec .build/release/notegraph build "$@"
