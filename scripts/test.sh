#!/usr/bin/env bash
# Quick start, step 2: run the whole test suite, installing system packages if needed. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh
exec swift test "$@"
