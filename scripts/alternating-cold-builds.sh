#!/usr/bin/env bash
# Cold builds of one corpus by each binary in turn, for corpora too big for scripts/side-by-side.py (which keeps a
# site per binary: 12 GB at 100,000 notes). Each build's output is removed before the next, so every build runs
# beside the same memory; on this VM a page costs far more once several GB are resident (docs/performance-history.md,
# round 24). Prints wall, user and system seconds, peak RSS and the size written, per build.
#
#   scripts/alternating-cold-builds.sh CORPUS BINARY... [-- extra build arguments]
#   scripts/alternating-cold-builds.sh /dev/shm/n100k old/notegraph new/notegraph new/notegraph old/notegraph
set -euo pipefail
templates=$(cd "$(dirname "$0")/.." && pwd)/templates
corpus=$(realpath "$1"); shift
binaries=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do binaries+=("$(realpath "$1")"); shift; done
[ "${1:-}" = "--" ] && shift
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time (/usr/bin/time): apt-get install time" >&2
  exit 1
fi
# Its own folder beside the corpus, made here and removed here: nothing else is touched.
out=$(mktemp -d "$(dirname "$corpus")/alternating-cold-builds.XXXXXX")
trap 'rm -rf "$out"' EXIT
for binary in "${binaries[@]}"; do
  site="$out/site"
  /usr/bin/time -f "$binary: %e s wall, %U s user, %S s system, %M KiB peak" -o "$out/time" \
    "$binary" build --notes "$corpus" --out "$site" --templates "$templates" "$@" > /dev/null 2> "$out/stderr"
  echo "$(cat "$out/time"), $(du -sm "$site" | cut -f1) MiB written"
  rm -rf "$site" "$site.staging.lock"
done
