#!/bin/bash
# Two notegraph binaries' one-note-edit rebuilds, alternating: each binary on its own copy of CORPUS (under
# /dev/shm) with its own output, one cold build each, then ROUNDS rounds of (append a sentence to the same note, build
# with A; the same for B). Prints each binary's median wall and CPU time (user + system) and largest peak RSS.
#
#     scripts/alternating-edits.sh A_BINARY B_BINARY CORPUS [ROUNDS]
set -euo pipefail
A=$1; B=$2; CORPUS=$3; R=${4:-8}
T="$(cd "$(dirname "$0")/.." && pwd)/templates"
S=/dev/shm/notegraph-alternating-edits
rm -rf "$S"; mkdir -p "$S"
trap 'rm -rf "$S"' EXIT
for k in a b; do cp -r "$CORPUS" "$S/n$k"; done
"$A" build --notes "$S/na" --out "$S/oa" --templates "$T" >/dev/null 2>&1 || true
"$B" build --notes "$S/nb" --out "$S/ob" --templates "$T" >/dev/null 2>&1 || true
note=$(cd "$S/na" && find . -name '*.md' | sort | sed -n 50p)
for i in $(seq "$R"); do
  for k in a b; do
    bin=$A; [ $k = b ] && bin=$B
    echo "Round $i adds a sentence about DPO." >> "$S/n$k/$note"
    /usr/bin/time -f "$k %e %U %S %M" "$bin" build --notes "$S/n$k" --out "$S/o$k" --templates "$T" 2>&1 >/dev/null | tail -1
  done
done | python3 -c "
import statistics, sys
runs = {'a': [], 'b': []}
for line in sys.stdin:
    k, e, u, s, m = line.split()
    runs[k].append((float(e), float(u) + float(s), int(m) / 1024))
for k, name in (('a', sys.argv[1]), ('b', sys.argv[2])):
    v = runs[k]
    print(f'{name:40} edit  wall {statistics.median(x[0] for x in v):.3f} s  cpu {statistics.median(x[1] for x in v):.3f} s  peak RSS {max(x[2] for x in v):.0f} MB  ({len(v)} edits)')
" "$A" "$B"
