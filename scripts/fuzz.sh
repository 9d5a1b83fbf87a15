#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (`swift build --sanitize=fuzzer`) and runs each for SECONDS (default 30)
# from its seed corpus. CI runs a short smoke run after the tests (.ci/run).
#
#   scripts/fuzz.sh                  # every target, 30 s each
#   scripts/fuzz.sh 900 FuzzSlug     # one target for 15 minutes
#   JOBS=2 scripts/fuzz.sh 600       # two targets at a time
#
# Targets: FuzzImport (text exports and Atom XML), FuzzNoteParser (front matter and the note parser),
# FuzzTitleMatcher (the citation matcher against a direct search), FuzzSlug (slugs are safe file names).
# Their invariants are in Sources/FuzzInvariants. Inputs a run finds are kept in .build-fuzzer/corpus/<target>
# (the next run starts from them); an input that breaks an invariant, crashes, hangs longer than TIMEOUT seconds
# (default 10) or needs more than RSS_MB (default 2048) is written to .build-fuzzer/artifacts/<target>/ and the
# script exits 1. Turn each into a regression test: copy it to Tests/Fixtures/fuzz-regressions/<target>/ under a
# name saying what it found (FuzzRegressionTests replays them), and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzImport FuzzNoteParser FuzzTitleMatcher FuzzSlug)
timeout_s="${TIMEOUT:-10}"
rss_mb="${RSS_MB:-2048}"
jobs="${JOBS:-1}"
scratch="$root/.build-fuzzer"

scripts/ensure-system-packages.sh
# libFuzzer's runtime ships with the Swift toolchain's clang (lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a).
swiftc_path="$(readlink -f "$(command -v swiftc)")"
if ! ls "$(dirname "$(dirname "$swiftc_path")")"/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 &&
   ! ls "$(dirname "$(dirname "$swiftc_path")")"/lib/swift/clang/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
    echo "fuzz: this Swift toolchain has no libFuzzer runtime (libclang_rt.fuzzer); install a swift.org toolchain" >&2
    exit 1
fi

echo "fuzz: building ${targets[*]} with --sanitize=fuzzer" >&2
swift build --package-path Fuzz --scratch-path "$scratch" -c release --sanitize=fuzzer >&2
bin="$(swift build --package-path Fuzz --scratch-path "$scratch" -c release --sanitize=fuzzer --show-bin-path)"

seeds_of() {
    case "$1" in
        FuzzImport) echo Tests/Fixtures/import-seeds Tests/Fixtures/import-shapes Tests/Fixtures/eval-corpus Tests/Fixtures/eval-corpus-independent ;;
        FuzzNoteParser) echo Tests/Fixtures/corpus-everything Tests/Fixtures/corpus-invalid notes ;;
        FuzzTitleMatcher) echo Tests/Fixtures/fuzz-seeds/FuzzTitleMatcher Tests/Fixtures/import-shapes ;;
        FuzzSlug) echo Tests/Fixtures/fuzz-seeds/FuzzSlug Tests/Fixtures/corpus-everything ;;
        *) echo "fuzz: unknown target $1" >&2; return 1 ;;
    esac
}

run_one() {
    local target="$1"
    local corpus="$scratch/corpus/$target" artifacts="$scratch/artifacts/$target" log="$scratch/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    local seeds=()
    for dir in $(seeds_of "$target") "Tests/Fixtures/fuzz-regressions/$target"; do
        [ -d "$dir" ] && seeds+=("$dir")
    done
    local rc=0
    # SWIFT_BACKTRACE off: Swift's crash handler would otherwise take the signal before libFuzzer, which then never
    # writes the crashing input out. The first folder collects what the run finds; the others are read-only seeds.
    local timer=()
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%U %S' -o "$log.cpu")
    SWIFT_BACKTRACE=enable=no "${timer[@]}" "$bin/$target" "$corpus" "${seeds[@]}" \
        -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" -max_len=16384 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 > "$log" 2>&1 || rc=$?
    local execs cov cpu=""
    execs=$(awk '/stat::number_of_executed_units/ { print $NF }' "$log" | tail -1)
    [ -f "$log.cpu" ] && cpu=$(tail -1 "$log.cpu" | awk 'NF == 2 { printf "%.0f", $1 + $2 }')
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    if [ $rc -eq 0 ]; then
        printf 'fuzz: %-17s ok      %6ss wall %6ss cpu  %10s runs  cov %s  corpus %s\n' "$target" "$seconds" "${cpu:-?}" "${execs:-?}" "${cov:-?}" "$(ls "$corpus" | wc -l)"
    else
        printf 'fuzz: %-17s FAILED  (exit %s) after %s runs; log %s\n' "$target" "$rc" "${execs:-?}" "$log"
        grep -E 'invariant broken|^  |ERROR: libFuzzer|SUMMARY|Test unit written|deadly signal|Fatal error' "$log" | head -20 | sed 's/^/      /'
    fi
    return $rc
}

status=0
pids=()
for target in "${targets[@]}"; do
    run_one "$target" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || status=1
        pids=("${pids[@]:1}")
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
